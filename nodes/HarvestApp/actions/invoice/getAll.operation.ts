import { INVOICE_STATES } from '../../../shared/catalogue';

import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation({ resource: 'invoice', operation: 'getAll' }, 'GET /invoices', {
	values: { state: INVOICE_STATES },
});
