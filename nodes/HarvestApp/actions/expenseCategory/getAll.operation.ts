import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation(
	{ resource: 'expenseCategory', operation: 'getAll' },
	'GET /expense_categories',
);
