import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation(
	{ resource: 'invoiceMessage', operation: 'delete' },
	'DELETE /invoices/{invoiceId}/messages/{messageId}',
);
