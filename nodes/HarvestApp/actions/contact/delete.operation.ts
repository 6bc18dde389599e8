import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation(
	{ resource: 'contact', operation: 'delete' },
	'DELETE /contacts/{contactId}',
);
