import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation(
	{ resource: 'invoiceItemCategory', operation: 'delete' },
	'DELETE /invoice_item_categories/{invoiceItemCategoryId}',
	{
		before: [
			{
				displayName:
					'Harvest refuses to delete the categories it uses for imported time and expenses (see "use_as_service" and "use_as_expense" in Get).',
				name: 'deleteNotice',
				type: 'notice',
				default: '',
			},
		],
	},
);
