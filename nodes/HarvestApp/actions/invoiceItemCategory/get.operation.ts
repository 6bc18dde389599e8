import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation({ resource: 'invoiceItemCategory', operation: 'get' }, 'GET /invoice_item_categories/{invoiceItemCategoryId}');
