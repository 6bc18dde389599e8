import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeItems } from '../n8n';
import { assertSequence, runOk } from '../cases/roundtrip';

// The company can only be read and changed: get → update → get → restore the original value.
const check: Case<E2EContext> = {
	name: 'actions: company — get → update → get → restore',
	lane: 'actions',
	run: async (ctx) => {
		const before = await ctx.sandbox.get<{ weekly_capacity: number; name: string }>('/company');
		const { result, requests } = await runOk(ctx, 'e2eRtCompany0001');
		assert.equal(nodeItems(result, 'Get')[0]?.name, before.name);
		assert.equal(nodeItems(result, 'Update')[0]?.weekly_capacity, 126000);
		assert.equal(nodeItems(result, 'Get again')[0]?.weekly_capacity, 126000);
		assert.equal(nodeItems(result, 'Restore')[0]?.weekly_capacity, before.weekly_capacity);
		const after = await ctx.sandbox.get<{ weekly_capacity: number }>('/company');
		assert.equal(after.weekly_capacity, before.weekly_capacity, 'the sandbox holds the restored value');
		assertSequence(requests, ['GET /v2/company 200', 'PATCH /v2/company 200', 'GET /v2/company 200', 'PATCH /v2/company 200']);
	},
};

export default check;
