import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeItems, type ExecutionResult } from '../n8n';
import { runOk } from '../cases/roundtrip';

const UPSERTS = ['Client', 'Project', 'Task', 'Contact', 'Time entry'];

const record = (result: ExecutionResult, node: string) => nodeItems(result, node)[0] ?? {};

// Idempotence in a real n8n: the first run creates five records, the second run of the same workflow finds
// them all, sends no write and returns them unchanged (same updated_at).
const check: Case<E2EContext> = {
	name: 'actions: Create or Update run twice — the second run creates and changes nothing',
	lane: 'actions',
	run: async (ctx) => {
		const first = await runOk(ctx, 'e2eUpsertTwice01');
		const writes = (requests: typeof first.requests) => requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path} ${r.status}`);
		assert.deepEqual(writes(first.requests), [
			'POST /v2/clients 201',
			'POST /v2/projects 201',
			'POST /v2/tasks 201',
			'POST /v2/contacts 201',
			'POST /v2/time_entries 201',
		]);
		const second = await runOk(ctx, 'e2eUpsertTwice01');
		assert.deepEqual(writes(second.requests), [], 'the second run wrote nothing');
		for (const node of UPSERTS) {
			const [a, b] = [record(first.result, node), record(second.result, node)];
			assert.ok(a.id, `${node} returned a record`);
			assert.equal(b.id, a.id, `${node}: the second run found the first run's record`);
			assert.equal(b.updated_at, a.updated_at, `${node}: unchanged`);
		}
		assert.equal(record(second.result, 'Find client').id, record(first.result, 'Client').id, 'Find matched the client ignoring case');
		const entry = record(first.result, 'Time entry');
		assert.equal((entry.external_reference as { id?: string } | undefined)?.id, 'E2E-LOG-1');
		const linked = await ctx.sandbox.get<{ time_entries: unknown[] }>('/time_entries?external_reference_id=E2E-LOG-1');
		assert.equal(linked.time_entries.length, 1, 'one time entry carries the reference');

		// Leave the sandbox as it was for the other cases.
		const ids = Object.fromEntries(UPSERTS.map((node) => [node, String(record(first.result, node).id)]));
		for (const path of [`/time_entries/${ids['Time entry']}`, `/contacts/${ids.Contact}`, `/projects/${ids.Project}`, `/tasks/${ids.Task}`, `/clients/${ids.Client}`]) {
			assert.equal((await ctx.sandbox.api('DELETE', path)).status, 200, `DELETE ${path}`);
		}
	},
};

export default check;
