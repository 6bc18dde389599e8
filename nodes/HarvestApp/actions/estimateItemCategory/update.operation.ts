import { updateOperation } from '../../helpers/operations';

export const { description, execute } = updateOperation({ resource: 'estimateItemCategory', operation: 'update' }, 'PATCH /estimate_item_categories/{estimateItemCategoryId}');
