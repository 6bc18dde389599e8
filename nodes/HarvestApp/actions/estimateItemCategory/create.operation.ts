import { createOperation } from '../../helpers/operations';

export const { description, execute } = createOperation({ resource: 'estimateItemCategory', operation: 'create' }, 'POST /estimate_item_categories');
