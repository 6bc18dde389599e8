import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation(
	{ resource: 'taskAssignment', operation: 'get' },
	'GET /projects/{projectId}/task_assignments/{taskAssignmentId}',
);
