import { updateOperation } from '../../helpers/operations';

export const { description, execute } = updateOperation(
	{ resource: 'contact', operation: 'update' },
	'PATCH /contacts/{contactId}',
);
