import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeItems } from '../n8n';
import { runOk } from '../cases/roundtrip';

const check: Case<E2EContext> = {
	name: 'actions: custom API call — POST with a JSON body, GET with a query over all pages, DELETE',
	lane: 'actions',
	run: async (ctx) => {
		const { result, requests } = await runOk(ctx, 'e2eCustomCalls01');
		const [created] = nodeItems(result, 'Create client');
		assert.equal(created?.name, 'e2e Custom Client');
		assert.equal(created?.currency, 'GBP');
		const total = (await ctx.sandbox.get<{ total_entries: number }>('/clients?is_active=true&per_page=1')).total_entries;
		const all = nodeItems(result, 'All clients');
		assert.equal(all.length, total + 1, 'one item per active client (the new one included, removed since)');
		assert.ok(all.some((c) => c.id === created.id) && all.every((c) => c.is_active === true), 'the query parameter applied');
		const read = requests.find((r) => r.method === 'GET' && r.path === '/v2/clients');
		assert.equal(String(read?.query?.is_active), 'true');
		assert.equal((await ctx.sandbox.api('GET', `/clients/${String(created.id)}`)).status, 404, 'client removed');
	},
};

export default check;
