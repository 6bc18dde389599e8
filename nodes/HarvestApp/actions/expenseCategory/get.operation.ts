import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation(
	{ resource: 'expenseCategory', operation: 'get' },
	'GET /expense_categories/{expenseCategoryId}',
);
