import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeItems } from '../n8n';
import { runOk } from '../cases/roundtrip';

const day = (offset = 0) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);

const REPORTS: Array<[node: string, path: string, dated: boolean]> = [
	['Time by client', '/reports/time/clients', true],
	['Time by project', '/reports/time/projects', true],
	['Time by task', '/reports/time/tasks', true],
	['Time by team', '/reports/time/team', true],
	['Expenses by category', '/reports/expenses/categories', true],
	['Expenses by client', '/reports/expenses/clients', true],
	['Expenses by project', '/reports/expenses/projects', true],
	['Expenses by team', '/reports/expenses/team', true],
	['Uninvoiced', '/reports/uninvoiced', true],
	['Project budget', '/reports/project_budget', false],
];

// Each report node must return exactly the rows the sandbox reports for the same query.
const check: Case<E2EContext> = {
	name: 'actions: every report returns the sandbox\'s rows',
	lane: 'actions',
	run: async (ctx) => {
		const { result } = await runOk(ctx, 'e2eReports000001');
		for (const [node, path, dated] of REPORTS) {
			const query = dated ? `?from=${day(364)}&to=${day()}&per_page=1000` : '?per_page=1000';
			const expected = (await ctx.sandbox.get<{ results: unknown[] }>(`${path}${query}`)).results;
			const got = nodeItems(result, node);
			assert.equal(got.length, expected.length, `${node}: ${got.length} rows, sandbox has ${expected.length}`);
			assert.deepEqual(got[0], expected[0], `${node}: first row`);
		}
	},
};

export default check;
