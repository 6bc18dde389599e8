import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation({ resource: 'company', operation: 'get' }, 'GET /company');
