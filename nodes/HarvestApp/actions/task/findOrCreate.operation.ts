import { findOrCreateOperation } from '../../helpers/findOrCreate';

export const { description, execute } = findOrCreateOperation(
	{ resource: 'task', operation: 'findOrCreate' },
	{ search: 'GET /tasks', create: 'POST /tasks' },
);
