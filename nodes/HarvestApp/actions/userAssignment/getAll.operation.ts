import { assignmentListOperation } from './list';

export const { description, execute } = assignmentListOperation(
	{ resource: 'userAssignment', operation: 'getAll' },
	{ all: 'GET /user_assignments', project: 'GET /projects/{projectId}/user_assignments' },
	'user assignments',
);
