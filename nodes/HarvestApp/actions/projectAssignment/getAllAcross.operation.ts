import { acrossParentsOperation } from '../../helpers/acrossParents';

export const { description, execute } = acrossParentsOperation(
	{ resource: 'projectAssignment', operation: 'getAllAcross' },
	{ parents: 'GET /users', children: 'GET /users/{userId}/project_assignments', parentLabel: 'User' },
);
