import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation(
	{ resource: 'userAssignment', operation: 'get' },
	'GET /projects/{projectId}/user_assignments/{userAssignmentId}',
);
