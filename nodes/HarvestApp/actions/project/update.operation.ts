import { updateOperation } from '../../helpers/operations';

export const { description, execute } = updateOperation(
	{ resource: 'project', operation: 'update' },
	'PATCH /projects/{projectId}',
);
