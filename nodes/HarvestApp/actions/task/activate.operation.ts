import { setActiveOperation } from '../../helpers/operations';

export const { description, execute } = setActiveOperation(
	{ resource: 'task', operation: 'activate' },
	'PATCH /tasks/{taskId}',
	true,
);
