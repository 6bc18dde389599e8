import { updateOperation } from '../../helpers/operations';

export const { description, execute } = updateOperation(
	{ resource: 'expenseCategory', operation: 'update' },
	'PATCH /expense_categories/{expenseCategoryId}',
);
