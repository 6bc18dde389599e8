import { ESTIMATE_STATES } from '../../../shared/catalogue';

import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation({ resource: 'estimate', operation: 'getAll' }, 'GET /estimates', {
	values: { state: ESTIMATE_STATES },
});
