import { upsertOperation } from '../../helpers/upsert';

export const { description, execute } = upsertOperation(
	{ resource: 'client', operation: 'upsert' },
	{ search: 'GET /clients', create: 'POST /clients', update: 'PATCH /clients/{clientId}', matchOn: ['name'] },
);
