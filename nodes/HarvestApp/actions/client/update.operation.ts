import { updateOperation } from '../../helpers/operations';

export const { description, execute } = updateOperation(
	{ resource: 'client', operation: 'update' },
	'PATCH /clients/{clientId}',
);
