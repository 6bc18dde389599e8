import { setActiveOperation } from '../../helpers/operations';

export const { description, execute } = setActiveOperation(
	{ resource: 'expenseCategory', operation: 'activate' },
	'PATCH /expense_categories/{expenseCategoryId}',
	true,
);
