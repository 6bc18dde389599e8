import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation(
	{ resource: 'teammate', operation: 'getAll' },
	'GET /users/{userId}/teammates',
	{ path: { userId: { description: 'A person with the Manager access role, whose teammates to list' } } },
);
