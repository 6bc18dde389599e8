import { createOperation } from '../../helpers/operations';

export const { description, execute } = createOperation({ resource: 'task', operation: 'create' }, 'POST /tasks');
