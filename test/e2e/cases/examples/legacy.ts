// The example workflows `npm start` imports (test/e2e/examples), run against the sandbox and checked there.
import assert from 'assert/strict';

import type { E2EContext } from '../../context';
import type { Case } from '../../harness';
import { nodeItems, type ExecutionResult } from '../../n8n';
import { failure } from '../roundtrip';

async function run(ctx: E2EContext, workflow: string, trigger: string): Promise<ExecutionResult> {
	const result = await ctx.rest.runAndWait(workflow, trigger);
	assert.equal(result.status, 'success', failure(result));
	return result;
}

async function named<T extends { id: number; name: string }>(ctx: E2EContext, collection: string, key: string, name: string): Promise<T[]> {
	const body = await ctx.examplesSandbox.get<Record<string, T[]>>(`${collection}${collection.includes('?') ? '&' : '?'}per_page=2000`);
	return body[key].filter((record) => record.name === name);
}

export const legacyExampleCases: Array<Case<E2EContext>> = [
	{
		name: 'examples: Bitrix24-style task sync — user by email, find-or-create, closed task deactivated; twice without duplicates; time entries',
		lane: 'examples',
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
			const onProject = await ctx.examplesSandbox.get<{ task_assignments: Array<{ task: { id: number } }> }>(`/projects/${projects[0].id}/task_assignments`);
			assert.ok(onProject.task_assignments.some((a) => a.task.id === tasks[0].id), 'task assigned to the project');
			const people = await ctx.examplesSandbox.get<{ user_assignments: Array<{ user: { id: number } }> }>(`/projects/${projects[0].id}/user_assignments`);
			assert.ok(people.user_assignments.some((a) => a.user.id === nodeItems(first, 'Who am I')[0]?.id), 'person assigned to the project');

			// The polling branch, as "Fetch test event" runs it: a sample of the newest time entry, mapped.
			const polled = await run(ctx, 'exBitrixTaskSync', 'New time entries (every 15 minutes)');
			const [record] = nodeItems(polled, 'As Bitrix24 time record');
			assert.ok(record?.task && typeof record.seconds === 'number', `time record ${JSON.stringify(record)}`);
		},
	},
];
