import { setActiveOperation } from '../../helpers/operations';

export const { description, execute } = setActiveOperation(
	{ resource: 'user', operation: 'archive' },
	'PATCH /users/{userId}',
	false,
);
