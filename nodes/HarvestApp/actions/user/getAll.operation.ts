import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation({ resource: 'user', operation: 'getAll' }, 'GET /users');
