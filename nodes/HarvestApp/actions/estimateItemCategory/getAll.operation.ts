import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation({ resource: 'estimateItemCategory', operation: 'getAll' }, 'GET /estimate_item_categories');
