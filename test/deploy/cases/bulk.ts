// Point 2: three workflows of 400 creates each, started at once, run by the two workers against one Harvest
// account. Every item must succeed and the sandbox must hold each note exactly once; the 429s and the wall time
// against the rate-limit floor are reported (artifacts/results.json; the targets are checked in `npm run bench`).
import assert from 'assert/strict';
import fs from 'fs';
import path from 'path';

import { workTarget } from '../../../bench/sandbox';
import { GENERAL_LIMIT } from '../../../nodes/shared/transport/governor';
import type { Case } from '../../e2e/harness';
import { nodeItems } from '../../e2e/n8n';
import { notesCount, requestSpan, workerOf } from '../checks';
import type { DeployContext } from '../context';
import { bulkNotePrefix, bulkWorkflow, DEPLOY_CRED } from '../workflows';

export const BULK_WORKFLOWS = 3;
export const BULK_ITEMS = 400;

/** The fastest n requests can go through one account: n / 100 windows of 15 s. */
export function floorMs(requests: number): number {
	return (requests / GENERAL_LIMIT.limit) * GENERAL_LIMIT.windowMs;
}

export const bulkCase: Case<DeployContext> = {
	name: `bulk: ${BULK_WORKFLOWS} × ${BULK_ITEMS} creates started at once on two workers — all succeed, none twice`,
	lane: 'bulk',
	timeoutMs: 20 * 60_000,
	run: async (ctx) => {
		const sandbox = ctx.bulkSandbox;
		const target = { ...(await workTarget(sandbox)), spentDate: new Date().toISOString().slice(0, 10) };
		const credential = { id: ctx.credentialIds[DEPLOY_CRED.bulk.id], name: DEPLOY_CRED.bulk.name };
		const run = `r${ctx.seed}`;
		const tags = Array.from({ length: BULK_WORKFLOWS }, (_, i) => `${run}-${i + 1}`);
		const ids = tags.map((_, i) => `deployBulk${String(i + 1).padStart(2, '0')}${String(ctx.seed % 10000).padStart(4, '0')}`);
		for (const [i, tag] of tags.entries()) {
			await ctx.rest.call('POST', '/rest/workflows', bulkWorkflow(ids[i], tag, BULK_ITEMS, target, credential));
		}
		await sandbox.clearRequests();
		await sandbox.admin('DELETE', '/rate-limits');

		const executions = await Promise.all(ids.map((id) => ctx.rest.runWorkflow(id, 'Start')));
		const finished = await Promise.all(executions.map((id) => ctx.rest.waitForExecution(id, 18 * 60_000)));
		const log = (await sandbox.requests()).filter((r) => r.method === 'POST' && r.path === '/v2/time_entries');
		const span = requestSpan(log);
		// The timeline (arrival ms after the first request, status) for a closer look at the 429s.
		const first = Date.parse(String(log[0]?.time));
		fs.writeFileSync(path.join(ctx.logsDir, 'bulk-requests.json'), JSON.stringify(log.map((r) => [Date.parse(String(r.time)) - first, r.status])));
		const workers = await Promise.all(executions.map((id) => workerOf(ctx, id)));
		const floor = floorMs(BULK_WORKFLOWS * BULK_ITEMS);
		ctx.results.bulk = {
			workflows: BULK_WORKFLOWS,
			itemsEach: BULK_ITEMS,
			workers,
			requests: span.requests,
			status429: span.status429,
			share429: Number((span.status429 / Math.max(1, span.requests)).toFixed(4)),
			wallS: Number((span.wallMs / 1000).toFixed(1)),
			floorS: floor / 1000,
			wallOverFloor: Number((span.wallMs / floor).toFixed(3)),
		};

		for (const [i, result] of finished.entries()) {
			assert.equal(result.status, 'success', `bulk ${tags[i]}: ${result.error?.message ?? result.status}`);
			assert.equal(nodeItems(result, 'Create').length, BULK_ITEMS, `bulk ${tags[i]}: items out of Create`);
		}
		assert.equal(new Set(workers).size, 2, `the three executions ran on ${[...new Set(workers)].join(', ')} only`);
		for (const tag of tags) {
			const counts = await notesCount(sandbox, bulkNotePrefix(tag));
			const missing = Array.from({ length: BULK_ITEMS }, (_, i) => i + 1).filter((n) => !counts.has(n));
			const twice = [...counts].filter(([, c]) => c > 1).map(([n]) => n);
			assert.deepEqual({ missing, twice }, { missing: [], twice: [] }, `bulk ${tag} in the sandbox`);
		}
		assert.equal(span.requests - span.status429, BULK_WORKFLOWS * BULK_ITEMS, 'accepted creates = items');
	},
};
