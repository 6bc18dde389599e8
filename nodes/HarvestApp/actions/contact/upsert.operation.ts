import { upsertOperation } from '../../helpers/upsert';

// A person may be a contact at several clients, so the search runs within the chosen client.
export const { description, execute } = upsertOperation(
	{ resource: 'contact', operation: 'upsert' },
	{
		search: 'GET /contacts',
		create: 'POST /contacts',
		update: 'PATCH /contacts/{contactId}',
		matchOn: ['email'],
		scope: ['client_id'],
		required: ['email'],
		top: ['client_id', 'email', 'first_name', 'last_name'],
	},
);
