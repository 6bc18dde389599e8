import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation(
	{ resource: 'projectAssignment', operation: 'getAll' },
	'GET /users/{userId}/project_assignments',
	{ path: { userId: { description: 'Person whose active project assignments to list' } } },
);
