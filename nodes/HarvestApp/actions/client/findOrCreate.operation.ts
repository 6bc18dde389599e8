import { findOrCreateOperation } from '../../helpers/findOrCreate';

export const { description, execute } = findOrCreateOperation(
	{ resource: 'client', operation: 'findOrCreate' },
	{ search: 'GET /clients', create: 'POST /clients' },
);
