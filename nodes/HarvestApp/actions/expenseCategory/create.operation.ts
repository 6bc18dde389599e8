import { createOperation } from '../../helpers/operations';

export const { description, execute } = createOperation(
	{ resource: 'expenseCategory', operation: 'create' },
	'POST /expense_categories',
);
