import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation({ resource: 'invoiceItemCategory', operation: 'getAll' }, 'GET /invoice_item_categories');
