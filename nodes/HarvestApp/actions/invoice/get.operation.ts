import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation({ resource: 'invoice', operation: 'get' }, 'GET /invoices/{invoiceId}');
