import { setActiveOperation } from '../../helpers/operations';

export const { description, execute } = setActiveOperation(
	{ resource: 'project', operation: 'activate' },
	'PATCH /projects/{projectId}',
	true,
);
