import { upsertOperation } from '../../helpers/upsert';

export const { description, execute } = upsertOperation(
	{ resource: 'task', operation: 'upsert' },
	{ search: 'GET /tasks', create: 'POST /tasks', update: 'PATCH /tasks/{taskId}', matchOn: ['name'] },
);
