import { updateOperation } from '../../helpers/operations';

export const { description, execute } = updateOperation({ resource: 'invoiceItemCategory', operation: 'update' }, 'PATCH /invoice_item_categories/{invoiceItemCategoryId}');
