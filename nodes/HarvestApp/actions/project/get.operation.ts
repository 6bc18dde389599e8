import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation({ resource: 'project', operation: 'get' }, 'GET /projects/{projectId}');
