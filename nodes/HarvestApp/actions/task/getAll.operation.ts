import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation({ resource: 'task', operation: 'getAll' }, 'GET /tasks');
