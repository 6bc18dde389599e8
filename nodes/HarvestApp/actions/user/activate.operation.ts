import { setActiveOperation } from '../../helpers/operations';

export const { description, execute } = setActiveOperation(
	{ resource: 'user', operation: 'activate' },
	'PATCH /users/{userId}',
	true,
);
