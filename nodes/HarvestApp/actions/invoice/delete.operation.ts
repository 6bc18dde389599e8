import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation({ resource: 'invoice', operation: 'delete' }, 'DELETE /invoices/{invoiceId}');
