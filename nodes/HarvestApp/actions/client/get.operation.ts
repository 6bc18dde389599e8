import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation({ resource: 'client', operation: 'get' }, 'GET /clients/{clientId}');
