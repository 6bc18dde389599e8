import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation({ resource: 'client', operation: 'delete' }, 'DELETE /clients/{clientId}', {
	before: [
		{
			displayName: 'Harvest deletes a client only when it has no projects, invoices or estimates. Archive it to keep its history.',
			name: 'deleteNotice',
			type: 'notice',
			default: '',
		},
	],
});
