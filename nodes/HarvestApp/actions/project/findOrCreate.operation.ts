import { findOrCreateOperation } from '../../helpers/findOrCreate';

// Project names repeat across clients, so the search runs within the chosen client.
export const { description, execute } = findOrCreateOperation(
	{ resource: 'project', operation: 'findOrCreate' },
	{ search: 'GET /projects', create: 'POST /projects', scope: ['client_id'] },
);
