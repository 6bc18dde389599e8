import { findOrCreateOperation } from '../../helpers/findOrCreate';

// Harvest invites a user it creates by email; finding first keeps a re-run from inviting anyone twice.
export const { description, execute } = findOrCreateOperation(
	{ resource: 'user', operation: 'findOrCreate' },
	{ search: 'GET /users', create: 'POST /users', matchOn: 'email', top: ['email', 'first_name', 'last_name'] },
);
