import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation({ resource: 'estimateItemCategory', operation: 'delete' }, 'DELETE /estimate_item_categories/{estimateItemCategoryId}');
