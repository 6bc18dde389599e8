import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation({ resource: 'role', operation: 'delete' }, 'DELETE /roles/{roleId}', {
	before: [
		{
			displayName: 'Deleting a role removes it from every person who has it; the people stay.',
			name: 'deleteNotice',
			type: 'notice',
			default: '',
		},
	],
});
