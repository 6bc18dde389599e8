import { updateOperation } from '../../helpers/operations';

export const { description, execute } = updateOperation(
	{ resource: 'userAssignment', operation: 'update' },
	'PATCH /projects/{projectId}/user_assignments/{userAssignmentId}',
);
