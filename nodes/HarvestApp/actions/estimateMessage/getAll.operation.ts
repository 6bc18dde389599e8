import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation(
	{ resource: 'estimateMessage', operation: 'getAll' },
	'GET /estimates/{estimateId}/messages',
);
