import { setActiveOperation } from '../../helpers/operations';

export const { description, execute } = setActiveOperation(
	{ resource: 'expenseCategory', operation: 'archive' },
	'PATCH /expense_categories/{expenseCategoryId}',
	false,
);
