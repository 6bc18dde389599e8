import { documentPdfOperation } from '../../helpers/download';

export const { description, execute } = documentPdfOperation('invoice', 'GET /invoices/{invoiceId}');
