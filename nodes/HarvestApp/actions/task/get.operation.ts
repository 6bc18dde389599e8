import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation({ resource: 'task', operation: 'get' }, 'GET /tasks/{taskId}');
