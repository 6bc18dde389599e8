import { createOperation } from '../../helpers/operations';

export const { description, execute } = createOperation(
	{ resource: 'userAssignment', operation: 'create' },
	'POST /projects/{projectId}/user_assignments',
);
