import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation({ resource: 'role', operation: 'getAll' }, 'GET /roles');
