import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeItems } from '../n8n';
import { runOk } from '../cases/roundtrip';

const check: Case<E2EContext> = {
	name: 'actions: estimate sent and accepted, messages listed, removed',
	lane: 'actions',
	run: async (ctx) => {
		const { result } = await runOk(ctx, 'e2eEstimateMsgs1');
		const [estimate] = nodeItems(result, 'Create estimate');
		assert.equal(nodeItems(result, 'Accepted estimate')[0]?.state, 'accepted');
		const events = nodeItems(result, 'Messages').map((m) => m.event_type ?? 'send');
		assert.ok(events.length >= 2, `messages: ${JSON.stringify(events)}`);
		assert.equal((await ctx.sandbox.api('GET', `/estimates/${String(estimate.id)}`)).status, 404, 'estimate removed');
	},
};

export default check;
