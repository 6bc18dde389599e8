import { createOperation } from '../../helpers/operations';

export const { description, execute } = createOperation({ resource: 'invoiceItemCategory', operation: 'create' }, 'POST /invoice_item_categories');
