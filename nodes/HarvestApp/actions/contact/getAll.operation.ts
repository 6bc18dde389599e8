import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation({ resource: 'contact', operation: 'getAll' }, 'GET /contacts');
