import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation({ resource: 'estimateItemCategory', operation: 'get' }, 'GET /estimate_item_categories/{estimateItemCategoryId}');
