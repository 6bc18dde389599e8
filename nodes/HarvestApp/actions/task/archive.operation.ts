import { setActiveOperation } from '../../helpers/operations';

export const { description, execute } = setActiveOperation(
	{ resource: 'task', operation: 'archive' },
	'PATCH /tasks/{taskId}',
	false,
);
