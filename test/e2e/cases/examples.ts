// The example workflows `npm start` imports (test/e2e/examples), run against the sandbox and checked there.
import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeItems, type ExecutionResult } from '../n8n';
import { failure } from './roundtrip';

async function run(ctx: E2EContext, workflow: string, trigger: string): Promise<ExecutionResult> {
	const result = await ctx.rest.runAndWait(workflow, trigger);
	assert.equal(result.status, 'success', failure(result));
	return result;
}

function firstBinary(result: ExecutionResult, node: string): { fileName?: string; mimeType?: string } | undefined {
	const runs = result.runData[node] as Array<{ data?: { main?: Array<Array<{ binary?: Record<string, { fileName?: string; mimeType?: string }> }>> } }>;
	return runs?.[0]?.data?.main?.[0]?.[0]?.binary?.data;
}

async function named<T extends { id: number; name: string }>(ctx: E2EContext, collection: string, key: string, name: string): Promise<T[]> {
	const body = await ctx.sandbox.get<Record<string, T[]>>(`${collection}${collection.includes('?') ? '&' : '?'}per_page=2000`);
	return body[key].filter((record) => record.name === name);
}

export const exampleCases: Array<Case<E2EContext>> = [
	{
		name: 'examples: Bitrix24-style task sync — user by email, find-or-create, closed task deactivated; twice without duplicates; time entries',
		lane: 'actions',
		run: async (ctx) => {
			const first = await run(ctx, 'exBitrixTaskSync', 'When a Bitrix24 task changes (try it)');
			const second = await run(ctx, 'exBitrixTaskSync', 'When a Bitrix24 task changes (try it)');
			for (const node of ['Find or create client', 'Find or create project', 'Find or create task']) {
				assert.equal(nodeItems(second, node)[0]?.id, nodeItems(first, node)[0]?.id, `${node} found the first run's record`);
			}
			assert.equal(nodeItems(first, 'Find responsible user')[0]?.id, nodeItems(first, 'Who am I')[0]?.id, 'user found by email');
			assert.equal(nodeItems(first, 'Reactivate task').length, 0, 'the closed task took the "deactivate" branch');

			const [client] = await named(ctx, '/clients', 'clients', 'Bitrix24 Clients');
			assert.ok(client, 'client created');
			assert.equal((await named(ctx, '/clients', 'clients', 'Bitrix24 Clients')).length, 1, 'one client, not two');
			const projects = await named(ctx, `/projects?client_id=${client.id}`, 'projects', 'Bitrix24 Tasks');
			assert.equal(projects.length, 1, 'one project under the client');
			const tasks = await named<{ id: number; name: string; is_active: boolean }>(ctx, '/tasks', 'tasks', 'Prepare onboarding deck');
			assert.equal(tasks.length, 1, 'one task');
			assert.equal(tasks[0].is_active, false, 'the closed task is inactive in Harvest');
			const onProject = await ctx.sandbox.get<{ task_assignments: Array<{ task: { id: number } }> }>(`/projects/${projects[0].id}/task_assignments`);
			assert.ok(onProject.task_assignments.some((a) => a.task.id === tasks[0].id), 'task assigned to the project');
			const people = await ctx.sandbox.get<{ user_assignments: Array<{ user: { id: number } }> }>(`/projects/${projects[0].id}/user_assignments`);
			assert.ok(people.user_assignments.some((a) => a.user.id === nodeItems(first, 'Who am I')[0]?.id), 'person assigned to the project');

			// The polling branch, as "Fetch test event" runs it: a sample of the newest time entry, mapped.
			const polled = await run(ctx, 'exBitrixTaskSync', 'New time entries (every 15 minutes)');
			const [record] = nodeItems(polled, 'As Bitrix24 time record');
			assert.ok(record?.task && typeof record.seconds === 'number', `time record ${JSON.stringify(record)}`);
		},
	},
	{
		name: 'examples: Domo-style export — every resource updated since a date, one CSV each',
		lane: 'actions',
		run: async (ctx) => {
			const result = await run(ctx, 'exDomoExport0001', 'Export now');
			const since = String(nodeItems(result, 'Export settings')[0]?.updated_since);
			const resources: Array<[string, string, string]> = [
				['Clients', '/clients', 'clients.csv'], ['Contacts', '/contacts', 'contacts.csv'], ['Projects', '/projects', 'projects.csv'],
				['Tasks', '/tasks', 'tasks.csv'], ['Time entries', '/time_entries', 'time_entries.csv'], ['Expenses', '/expenses', 'expenses.csv'],
				['Invoices', '/invoices', 'invoices.csv'], ['Users', '/users', 'users.csv'],
			];
			for (const [node, path, file] of resources) {
				const total = (await ctx.sandbox.get<{ total_entries: number }>(`${path}?updated_since=${encodeURIComponent(since)}&per_page=1`)).total_entries;
				assert.equal(nodeItems(result, node).length, total, `${node}: records updated since ${since}`);
				if (total > 0) assert.equal(firstBinary(result, `${node} CSV`)?.fileName, file, `${node} CSV file`);
			}
			assert.ok(nodeItems(result, 'Time entries').length > 0, 'the demo data has recent time entries');
		},
	},
	{
		name: 'examples: Runn-style import — clients, projects and people matched by Harvest ID',
		lane: 'actions',
		run: async (ctx) => {
			const result = await run(ctx, 'exRunnImport0001', 'Import now');
			for (const [what, source] of [['clients', 'Harvest clients'], ['projects', 'Harvest projects'], ['people', 'Harvest people']]) {
				const total = nodeItems(result, source).length;
				assert.ok(total > 1, `${source}: ${total}`);
				assert.equal(nodeItems(result, `New ${what}: create in Runn`).length, total - 1, `new ${what}`);
				assert.equal(nodeItems(result, `Already imported ${what}`).length + nodeItems(result, `Changed ${what} (Runn keeps its copy)`).length, 1, `matched ${what}`);
			}
			const users = (await ctx.sandbox.get<{ total_entries: number }>('/users?per_page=1')).total_entries;
			assert.equal(nodeItems(result, 'Harvest people').length, users);
			for (const person of nodeItems(result, 'As Runn people')) {
				assert.ok(typeof person.role === 'string' && person.role.length > 0, `role of ${String(person.email)}`);
			}
		},
	},
	{
		name: 'examples: Upsales-style invoice — tracked time invoiced, project marked invoiced and archived',
		lane: 'actions',
		run: async (ctx) => {
			const result = await run(ctx, 'exUpsalesInvoice', 'When a deal is won (try it)');
			const [deal] = nodeItems(result, 'Won deal');
			const [invoice] = nodeItems(result, 'Invoice the tracked time');
			assert.ok(invoice?.id, 'invoice created');
			assert.equal((invoice.client as { id: number }).id, deal.client_id);
			const project = await ctx.sandbox.get<{ is_active: boolean; notes: string }>(`/projects/${String(deal.project_id)}`);
			assert.equal(project.is_active, false, 'project archived');
			assert.match(project.notes, /^Invoiced on \d{4}-\d{2}-\d{2} \(invoice .+\)$/);
			const open = await ctx.sandbox.get<{ time_entries: Array<{ billable: boolean; is_billed: boolean }> }>(
				`/time_entries?project_id=${String(deal.project_id)}&per_page=2000`,
			);
			assert.deepEqual(open.time_entries.filter((e) => e.billable && !e.is_billed), [], 'no billable time left uninvoiced');
		},
	},
];
