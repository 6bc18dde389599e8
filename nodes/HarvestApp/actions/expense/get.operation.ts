import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation({ resource: 'expense', operation: 'get' }, 'GET /expenses/{expenseId}');
