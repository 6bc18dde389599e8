import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation({ resource: 'project', operation: 'delete' }, 'DELETE /projects/{projectId}', {
	before: [
		{
			displayName:
				'Deleting a project also deletes all of its time entries and expenses; only invoices are kept. Use Archive to keep the history.',
			name: 'deleteNotice',
			type: 'notice',
			default: '',
		},
	],
});
