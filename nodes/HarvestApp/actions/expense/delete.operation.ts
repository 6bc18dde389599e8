import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation(
	{ resource: 'expense', operation: 'delete' },
	'DELETE /expenses/{expenseId}',
);
