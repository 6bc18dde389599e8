import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation(
	{ resource: 'estimateMessage', operation: 'delete' },
	'DELETE /estimates/{estimateId}/messages/{messageId}',
);
