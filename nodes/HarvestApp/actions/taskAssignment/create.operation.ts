import { createOperation } from '../../helpers/operations';

export const { description, execute } = createOperation(
	{ resource: 'taskAssignment', operation: 'create' },
	'POST /projects/{projectId}/task_assignments',
);
