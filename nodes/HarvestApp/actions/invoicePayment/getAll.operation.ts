import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation(
	{ resource: 'invoicePayment', operation: 'getAll' },
	'GET /invoices/{invoiceId}/payments',
);
