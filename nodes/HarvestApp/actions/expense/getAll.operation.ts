import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation({ resource: 'expense', operation: 'getAll' }, 'GET /expenses');
