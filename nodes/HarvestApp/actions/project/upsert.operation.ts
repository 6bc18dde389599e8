import { upsertOperation } from '../../helpers/upsert';

// Project names repeat across clients (and codes may too), so the search runs within the chosen client.
export const { description, execute } = upsertOperation(
	{ resource: 'project', operation: 'upsert' },
	{
		search: 'GET /projects',
		create: 'POST /projects',
		update: 'PATCH /projects/{projectId}',
		matchOn: ['name', 'code'],
		scope: ['client_id'],
		top: ['client_id', 'name', 'code', 'is_billable', 'bill_by', 'budget_by'],
	},
);
