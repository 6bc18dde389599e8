import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation(
	{ resource: 'userAssignment', operation: 'delete' },
	'DELETE /projects/{projectId}/user_assignments/{userAssignmentId}',
	{
		before: [
			{
				displayName:
					'Harvest removes a person from a project only while they have no time entries or expenses on it. Otherwise update the assignment with Active off.',
				name: 'deleteNotice',
				type: 'notice',
				default: '',
			},
		],
	},
);
