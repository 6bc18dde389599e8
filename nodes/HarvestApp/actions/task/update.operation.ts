import { updateOperation } from '../../helpers/operations';

export const { description, execute } = updateOperation({ resource: 'task', operation: 'update' }, 'PATCH /tasks/{taskId}');
