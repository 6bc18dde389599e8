import { findOrCreateOperation } from '../../helpers/findOrCreate';

// One person may be a contact at several clients, so the search runs within the chosen client.
export const { description, execute } = findOrCreateOperation(
	{ resource: 'contact', operation: 'findOrCreate' },
	{
		search: 'GET /contacts',
		create: 'POST /contacts',
		scope: ['client_id'],
		matchOn: 'email',
		required: ['email'],
		top: ['client_id', 'email', 'first_name', 'last_name'],
	},
);
