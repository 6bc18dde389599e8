import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation({ resource: 'task', operation: 'delete' }, 'DELETE /tasks/{taskId}', {
	before: [
		{
			displayName: 'Harvest deletes a task only when no time has been tracked on it. Archive it to keep the history.',
			name: 'deleteNotice',
			type: 'notice',
			default: '',
		},
	],
});
