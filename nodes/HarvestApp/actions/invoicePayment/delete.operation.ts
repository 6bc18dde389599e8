import { deleteOperation } from '../../helpers/operations';

// Harvest recomputes the amount due, so a paid invoice becomes open again.
export const { description, execute } = deleteOperation(
	{ resource: 'invoicePayment', operation: 'delete' },
	'DELETE /invoices/{invoiceId}/payments/{paymentId}',
);
