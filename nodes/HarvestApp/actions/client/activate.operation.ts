import { setActiveOperation } from '../../helpers/operations';

export const { description, execute } = setActiveOperation(
	{ resource: 'client', operation: 'activate' },
	'PATCH /clients/{clientId}',
	true,
);
