import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation({ resource: 'user', operation: 'delete' }, 'DELETE /users/{userId}', {
	before: [
		{
			displayName: 'Harvest deletes a user only when they have no time entries or expenses. Archive them to keep the history.',
			name: 'deleteNotice',
			type: 'notice',
			default: '',
		},
	],
});
