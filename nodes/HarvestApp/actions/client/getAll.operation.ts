import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation({ resource: 'client', operation: 'getAll' }, 'GET /clients');
