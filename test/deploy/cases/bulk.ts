// Point 2: three workflows of 400 creates each, started at once, run by the two workers against one Harvest
// account. Every item must succeed and the sandbox must hold each note exactly once; the 429s and the wall time
// against the rate-limit floor are reported (artifacts/results.json; the targets are checked in `npm run bench`).
import assert from 'assert/strict';
import fs from 'fs';
import path from 'path';

import type { Case } from '../../e2e/harness';
import { runBulk } from '../bulk';
import { workerOf } from '../checks';
import type { DeployContext } from '../context';
import { DEPLOY_CRED } from '../workflows';

export const BULK_WORKFLOWS = 3;
export const BULK_ITEMS = 400;

export const bulkCase: Case<DeployContext> = {
	name: `bulk: ${BULK_WORKFLOWS} × ${BULK_ITEMS} creates started at once on two workers — all succeed, none twice`,
	lane: 'bulk',
	timeoutMs: 20 * 60_000,
	run: async (ctx) => {
		const credential = { id: ctx.credentialIds[DEPLOY_CRED.bulk.id], name: DEPLOY_CRED.bulk.name };
		const outcome = await runBulk(ctx.rest, ctx.bulkSandbox, credential, {
			runTag: `r${ctx.seed}`,
			idPrefix: `deployBulk${String(ctx.seed % 10000).padStart(4, '0')}`,
			workflows: BULK_WORKFLOWS,
			items: BULK_ITEMS,
		});
		fs.writeFileSync(path.join(ctx.logsDir, 'bulk-requests.json'), JSON.stringify(outcome.timeline));
		const workers = await Promise.all(outcome.executionIds.map((id) => workerOf(ctx, id)));
		ctx.results.bulk = {
			workflows: BULK_WORKFLOWS,
			itemsEach: BULK_ITEMS,
			workers,
			requests: outcome.requests,
			status429: outcome.status429,
			share429: Number((outcome.status429 / Math.max(1, outcome.requests)).toFixed(4)),
			wallS: Number((outcome.wallMs / 1000).toFixed(1)),
			floorS: outcome.floorMs / 1000,
			wallOverFloor: Number((outcome.wallMs / outcome.floorMs).toFixed(3)),
		};
		for (const [i, result] of outcome.results.entries()) {
			assert.equal(result.status, 'success', `bulk workflow ${i + 1}: ${result.error?.message ?? result.status}`);
			assert.equal(outcome.itemsOut[i], BULK_ITEMS, `bulk workflow ${i + 1}: items out of Create`);
			assert.deepEqual({ missing: outcome.missing[i], twice: outcome.twice[i] }, { missing: [], twice: [] }, `bulk workflow ${i + 1} in the sandbox`);
		}
		assert.equal(new Set(workers).size, 2, `the three executions ran on ${[...new Set(workers)].join(', ')} only`);
		assert.equal(outcome.requests - outcome.status429, BULK_WORKFLOWS * BULK_ITEMS, 'accepted creates = items');
	},
};
