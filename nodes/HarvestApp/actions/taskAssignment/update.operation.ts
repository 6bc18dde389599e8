import { updateOperation } from '../../helpers/operations';

export const { description, execute } = updateOperation(
	{ resource: 'taskAssignment', operation: 'update' },
	'PATCH /projects/{projectId}/task_assignments/{taskAssignmentId}',
);
