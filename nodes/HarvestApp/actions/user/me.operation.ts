import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation({ resource: 'user', operation: 'me' }, 'GET /users/me');
