import { startSandbox, type Sandbox } from '../index';
import { api } from './helpers';

const LISTS = ['/clients', '/contacts', '/projects', '/tasks', '/users', '/time_entries', '/expenses', '/invoices', '/estimates', '/roles', '/user_assignments', '/task_assignments'];

async function snapshot(sb: Sandbox): Promise<string> {
	const parts = [];
	for (const path of LISTS) parts.push((await api(sb, 'GET', path, { query: { per_page: 2000 } })).text);
	parts.push((await api(sb, 'GET', '/company')).text);
	return parts.join('\n').split(sb.idUrl).join('ORIGIN');
}

test('the same seed gives the same data (ids, names, relations, timestamps)', async () => {
	const opts = { seed: 4242, records: 500, anchorDate: '2025-06-15', rateLimits: false };
	const a = await startSandbox(opts);
	const b = await startSandbox(opts);
	const c = await startSandbox({ ...opts, seed: 4243 });
	try {
		const [sa, sb, sc] = [await snapshot(a), await snapshot(b), await snapshot(c)];
		expect(sa).toBe(sb);
		expect(sa).not.toBe(sc);
		expect(a.accountId).toBe(b.accountId);
		expect(a.token).not.toBe(b.token);
	} finally {
		await Promise.all([a.close(), b.close(), c.close()]);
	}
});

test('a realistic mix that scales with --records; everything is in the past of the anchor date', async () => {
	const sb = await startSandbox({ seed: 3, records: 1000, anchorDate: '2025-06-15' });
	try {
		const counts = sb.store.counts()[sb.accountId];
		expect(counts.time_entries).toBe(1000);
		expect(counts.clients).toBeGreaterThanOrEqual(15);
		expect(counts.projects).toBeGreaterThanOrEqual(30);
		expect(counts.users).toBeGreaterThanOrEqual(8);
		expect(counts.tasks).toBeGreaterThanOrEqual(10);
		for (const key of ['contacts', 'user_assignments', 'task_assignments', 'invoices', 'invoice_payments', 'invoice_messages', 'estimates', 'expenses', 'billable_rates', 'cost_rates', 'roles']) {
			expect([key, counts[key] > 0]).toEqual([key, true]);
		}
		const store = sb.store.account();
		const anchor = Date.parse('2025-06-15T00:00:00Z') / 1000;
		for (const e of store.timeEntries.values()) {
			expect(e.created_at).toBeLessThan(anchor);
			expect(e.updated_at).toBeGreaterThanOrEqual(e.created_at);
			expect(e.spent_date < '2025-06-15').toBe(true);
			// Every entry is on an assignment that exists, with a task of the project.
			expect(store.userAssignmentFor(e.project_id, e.user_id)).toBeDefined();
			expect(store.taskAssignmentFor(e.project_id, e.task_id)).toBeDefined();
		}
		// Ids grow with creation time, as with Harvest's sequences.
		const byId = store.timeEntries.all().sort((x, y) => x.id - y.id);
		for (let i = 1; i < byId.length; i++) expect(byId[i].created_at).toBeGreaterThanOrEqual(byId[i - 1].created_at);
		// The second account is small and independent.
		const second = sb.store.counts()[String(sb.accounts[1].id)];
		expect(second.time_entries).toBe(100);
		const big = await startSandbox({ seed: 3, records: 5000, rateLimits: false });
		try {
			const bigCounts = big.store.counts()[big.accountId];
			expect(bigCounts.time_entries).toBe(5000);
			expect(bigCounts.clients).toBeGreaterThan(counts.clients);
			expect(bigCounts.users).toBeGreaterThan(counts.users);
		} finally {
			await big.close();
		}
	} finally {
		await sb.close();
	}
});

// How fast it starts is a benchmark figure (test/sandbox/bench.ts), not a test: timings depend on the machine.
test('starts with 1,000 records', async () => {
	const sb = await startSandbox({ records: 1000 });
	try {
		expect(sb.store.account().timeEntries.size).toBe(1000);
	} finally {
		await sb.close();
	}
});

test('zero records still gives a usable account', async () => {
	const sb = await startSandbox({ records: 0 });
	try {
		expect((await api(sb, 'GET', '/time_entries')).json.total_entries).toBe(0);
		expect((await api(sb, 'GET', '/clients')).json.total_entries).toBeGreaterThan(0);
		expect(sb.mutate({ resource: 'time_entries', action: 'create' }).id).toEqual(expect.any(Number));
	} finally {
		await sb.close();
	}
});
