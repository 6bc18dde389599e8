import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation(
	{ resource: 'projectAssignment', operation: 'getMine' },
	'GET /users/me/project_assignments',
);
