import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation({ resource: 'project', operation: 'getAll' }, 'GET /projects');
