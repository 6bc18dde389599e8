import { createOperation } from '../../helpers/operations';

export const { description, execute } = createOperation({ resource: 'user', operation: 'create' }, 'POST /users', {
	before: [
		{
			displayName: 'Harvest emails the new user an invitation to the account.',
			name: 'inviteNotice',
			type: 'notice',
			default: '',
		},
	],
});
