import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation({ resource: 'role', operation: 'get' }, 'GET /roles/{roleId}');
