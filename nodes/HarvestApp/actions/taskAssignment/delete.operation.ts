import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation(
	{ resource: 'taskAssignment', operation: 'delete' },
	'DELETE /projects/{projectId}/task_assignments/{taskAssignmentId}',
	{
		before: [
			{
				displayName:
					'Harvest removes a task from a project only while no time is tracked to it there. Otherwise update the assignment with Active off.',
				name: 'deleteNotice',
				type: 'notice',
				default: '',
			},
		],
	},
);
