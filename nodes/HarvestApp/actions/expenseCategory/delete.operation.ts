import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation(
	{ resource: 'expenseCategory', operation: 'delete' },
	'DELETE /expense_categories/{expenseCategoryId}',
	{
		before: [
			{
				displayName: 'A category that expenses use is better archived: that hides it from new expenses and keeps the history.',
				name: 'deleteNotice',
				type: 'notice',
				default: '',
			},
		],
	},
);
