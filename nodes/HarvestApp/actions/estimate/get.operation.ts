import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation({ resource: 'estimate', operation: 'get' }, 'GET /estimates/{estimateId}');
