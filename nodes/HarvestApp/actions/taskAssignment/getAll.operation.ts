import { assignmentListOperation } from '../userAssignment/list';

export const { description, execute } = assignmentListOperation(
	{ resource: 'taskAssignment', operation: 'getAll' },
	{ all: 'GET /task_assignments', project: 'GET /projects/{projectId}/task_assignments' },
	'task assignments',
);
