import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation(
	{ resource: 'invoiceMessage', operation: 'getAll' },
	'GET /invoices/{invoiceId}/messages',
);
