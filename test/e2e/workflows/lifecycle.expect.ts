import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeItems } from '../n8n';
import { runOk } from '../cases/roundtrip';

const first = (result: Parameters<typeof nodeItems>[0], node: string) => nodeItems(result, node)[0] ?? {};

const check: Case<E2EContext> = {
	name: 'actions: archive/activate, find or create, find user by email, timer start/stop/restart',
	lane: 'actions',
	run: async (ctx) => {
		const { result } = await runOk(ctx, 'e2eLifecycle0001');
		const task = first(result, 'Create task');
		assert.equal(first(result, 'Archive task').is_active, false);
		assert.equal(first(result, 'Activate task').is_active, true);
		assert.equal(first(result, 'Find task').id, task.id, 'find or create found the existing task');
		const made = first(result, 'Find or create task');
		assert.ok(made.id && made.id !== task.id && made.name === 'e2e Lifecycle Task 2', 'find or create made a new task');
		assert.equal(first(result, 'Find me').id, first(result, 'Me').id, 'find user by email');
		assert.equal(first(result, 'Start timer').is_running, true);
		assert.equal(first(result, 'Stop timer').is_running, false);
		assert.equal(first(result, 'Restart timer').is_running, true);
		assert.equal(first(result, 'Stop again').is_running, false);
		for (const path of [`/time_entries/${String(first(result, 'Start timer').id)}`, `/tasks/${String(task.id)}`, `/tasks/${String(made.id)}`]) {
			assert.equal((await ctx.sandbox.api('GET', path)).status, 404, `${path} removed`);
		}
	},
};

export default check;
