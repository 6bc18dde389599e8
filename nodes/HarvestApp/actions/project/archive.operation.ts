import { setActiveOperation } from '../../helpers/operations';

export const { description, execute } = setActiveOperation(
	{ resource: 'project', operation: 'archive' },
	'PATCH /projects/{projectId}',
	false,
);
