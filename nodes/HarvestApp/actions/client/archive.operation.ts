import { setActiveOperation } from '../../helpers/operations';

export const { description, execute } = setActiveOperation(
	{ resource: 'client', operation: 'archive' },
	'PATCH /clients/{clientId}',
	false,
);
