import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeItems } from '../n8n';
import { runOk } from '../cases/roundtrip';

// Rates have no update or delete in Harvest's API: create → get → list for both, on a new user, plus the
// user's teammates and project assignments; the user is removed at the end.
const check: Case<E2EContext> = {
	name: 'actions: billable/cost rates, teammates, project assignments — on a new user, removed afterwards',
	lane: 'actions',
	run: async (ctx) => {
		const { result } = await runOk(ctx, 'e2eRtRates000001');
		const [user] = nodeItems(result, 'New user');
		const [billable] = nodeItems(result, 'Create billable rate');
		assert.equal(billable?.amount, 135);
		assert.equal(nodeItems(result, 'Get billable rate')[0]?.id, billable.id);
		assert.ok(nodeItems(result, 'List billable rates').some((r) => r.id === billable.id));
		const [cost] = nodeItems(result, 'Create cost rate');
		assert.equal(cost?.amount, 60);
		assert.equal(nodeItems(result, 'Get cost rate')[0]?.id, cost.id);
		assert.ok(nodeItems(result, 'List cost rates').some((r) => r.id === cost.id));
		const [me] = nodeItems(result, 'Me');
		assert.deepEqual(nodeItems(result, 'List teammates').map((t) => t.id), [me.id]);
		const mine = await ctx.sandbox.get<{ project_assignments: unknown[] }>('/users/me/project_assignments?per_page=2000');
		assert.equal(nodeItems(result, 'My assignments').length, mine.project_assignments.length);
		assert.equal(nodeItems(result, 'Their assignments').length, mine.project_assignments.length);
		assert.equal((await ctx.sandbox.api('GET', `/users/${user.id}`)).status, 404, 'the new user was removed');
	},
};

export default check;
