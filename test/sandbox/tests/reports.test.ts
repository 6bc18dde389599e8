import { startSandbox, type Sandbox } from '../index';
import { api, sandboxDate, walk } from './helpers';

let sb: Sandbox;
let from: string;
let to: string;

beforeAll(async () => {
	sb = await startSandbox({ seed: 81, records: 2000, rateLimits: false });
	from = sandboxDate(sb, -200);
	to = sandboxDate(sb, -20);
});
afterAll(() => sb.close());

const cents = (n: number) => Math.round(n * 100) / 100;

async function results(path: string, query: Record<string, string> = {}): Promise<any[]> {
	return (await walk(sb, path, { from: from.replace(/-/g, ''), to: to.replace(/-/g, ''), ...query })).flatMap((p) => p.results);
}

describe('time reports are computed from the stored time entries', () => {
	function expected(group: (e: any) => string, includeFixedFee: boolean) {
		const store = sb.store.account();
		const out = new Map<string, { total: number; billable: number; amount: number }>();
		for (const e of store.timeEntries.values()) {
			if (e.spent_date < from || e.spent_date > to) continue;
			const p = store.projects.get(e.project_id);
			if (!p) continue;
			const key = `${group(e)}|${store.clients.get(p.client_id)?.currency}`;
			const acc = out.get(key) ?? { total: 0, billable: 0, amount: 0 };
			acc.total += e.hours_without_timer;
			if (e.billable) {
				acc.billable += e.hours_without_timer;
				if (includeFixedFee || !p.is_fixed_fee) acc.amount += e.hours_without_timer * (e.billable_rate ?? 0);
			}
			out.set(key, acc);
		}
		return out;
	}

	test.each([
		['clients', 'client_id', (e: any) => String(sb.store.account().projects.get(e.project_id)?.client_id)],
		['projects', 'project_id', (e: any) => String(e.project_id)],
		['tasks', 'task_id', (e: any) => String(e.task_id)],
		['team', 'user_id', (e: any) => String(e.user_id)],
	])('/reports/time/%s', async (kind, idField, group) => {
		const rows = await results(`/reports/time/${kind}`, { include_fixed_fee: 'true' });
		const want = expected(group, true);
		expect(rows.length).toBe(want.size);
		for (const row of rows) {
			const w = want.get(`${row[idField]}|${row.currency}`);
			expect(w).toBeDefined();
			expect(row.total_hours).toBeCloseTo(cents((w as any).total), 2);
			expect(row.billable_hours).toBeCloseTo(cents((w as any).billable), 2);
			expect(row.billable_amount).toBeCloseTo(cents((w as any).amount), 1);
		}
	});

	test('include_fixed_fee=false leaves fixed-fee projects out of billable amounts', async () => {
		const store = sb.store.account();
		const withFee = (await results('/reports/time/projects', { include_fixed_fee: 'true' })).filter((r) => store.projects.get(r.project_id)?.is_fixed_fee && r.billable_amount > 0);
		expect(withFee.length).toBeGreaterThan(0);
		const without = await results('/reports/time/projects', { include_fixed_fee: 'false' });
		for (const row of withFee) expect(without.find((r) => r.project_id === row.project_id).billable_amount).toBe(0);
	});

	test('team rows carry the person', async () => {
		const row = (await results('/reports/time/team'))[0];
		const user = sb.store.account().users.get(row.user_id) as NonNullable<ReturnType<ReturnType<Sandbox['store']['account']>['users']['get']>>;
		expect(row).toMatchObject({ user_name: `${user.first_name} ${user.last_name}`, is_contractor: user.is_contractor, weekly_capacity: user.weekly_capacity, avatar_url: user.avatar_url });
	});
});

describe('expense, uninvoiced and budget reports', () => {
	test('/reports/expenses/categories sums total and billable cost per category and currency', async () => {
		const store = sb.store.account();
		const want = new Map<string, [number, number]>();
		for (const e of store.expenses.values()) {
			if (e.spent_date < from || e.spent_date > to) continue;
			const currency = store.clients.get(store.projects.get(e.project_id)?.client_id as number)?.currency;
			const key = `${e.expense_category_id}|${currency}`;
			const [t, b] = want.get(key) ?? [0, 0];
			want.set(key, [t + e.total_cost, b + (e.billable ? e.total_cost : 0)]);
		}
		const rows = await results('/reports/expenses/categories');
		expect(rows.length).toBe(want.size);
		for (const row of rows) {
			const [t, b] = want.get(`${row.expense_category_id}|${row.currency}`) as [number, number];
			expect([row.total_amount, row.billable_amount]).toEqual([cents(t), cents(b)]);
			expect(row.expense_category_name).toBe(store.expenseCategories.get(row.expense_category_id)?.name);
		}
		for (const kind of ['clients', 'projects', 'team']) {
			const total = (await results(`/reports/expenses/${kind}`)).reduce((s, r) => s + r.total_amount, 0);
			expect(cents(total)).toBeCloseTo(cents(rows.reduce((s, r) => s + r.total_amount, 0)), 1);
		}
	});

	test('/reports/uninvoiced: billable, not yet invoiced hours and expenses per project', async () => {
		const store = sb.store.account();
		const rows = await results('/reports/uninvoiced', { include_fixed_fee: 'true' });
		const row = rows.find((r) => r.uninvoiced_hours > 0);
		const entries = store.timeEntries.filter((e) => e.project_id === row.project_id && e.spent_date >= from && e.spent_date <= to);
		const open = entries.filter((e) => e.billable && e.invoice_id === null);
		const expenses = store.expenses.filter((e) => e.project_id === row.project_id && e.spent_date >= from && e.spent_date <= to && e.billable && e.invoice_id === null);
		const openExpenses = expenses.reduce((s, e) => s + e.total_cost, 0);
		expect(row.total_hours).toBeCloseTo(entries.reduce((s, e) => s + e.hours_without_timer, 0), 2);
		expect(row.uninvoiced_hours).toBeCloseTo(open.reduce((s, e) => s + e.hours_without_timer, 0), 2);
		expect(row.uninvoiced_expenses).toBeCloseTo(openExpenses, 2);
		expect(row.uninvoiced_amount).toBeCloseTo(open.reduce((s, e) => s + e.hours_without_timer * (e.billable_rate ?? 0), 0) + openExpenses, 1);
		// Invoicing that time makes it disappear from the report.
		const before = row.uninvoiced_hours;
		await api(sb, 'POST', '/invoices', { json: { client_id: row.client_id, line_items_import: { project_ids: [row.project_id], time: { summary_type: 'project', from, to } } } });
		const after = (await results('/reports/uninvoiced', { include_fixed_fee: 'true' })).find((r) => r.project_id === row.project_id);
		expect(before).toBeGreaterThan(0);
		expect(after.uninvoiced_hours).toBe(0);
	});

	test('/reports/project_budget: hours budget against all hours tracked (no from/to)', async () => {
		const store = sb.store.account();
		const rows = (await walk(sb, '/reports/project_budget')).flatMap((p) => p.results);
		expect(rows.every((r) => r.budget_by !== 'none')).toBe(true);
		const row = rows.find((r) => r.budget_by === 'project' && !r.budget_is_monthly);
		const p = store.projects.get(row.project_id) as NonNullable<ReturnType<typeof store.projects.get>>;
		const spent = store.timeEntries.filter((e) => e.project_id === p.id).reduce((s, e) => s + e.hours_without_timer, 0);
		expect(row).toMatchObject({ budget: p.budget, client_id: p.client_id, is_active: p.is_active });
		expect(row.budget_spent).toBeCloseTo(spent, 2);
		expect(row.budget_remaining).toBeCloseTo((p.budget as number) - spent, 2);
		const active = (await walk(sb, '/reports/project_budget', { is_active: 'true' })).flatMap((pg) => pg.results);
		expect(active.every((r) => r.is_active)).toBe(true);
	});
});

describe('report periods', () => {
	test('YYYYMMDD and YYYY-MM-DD are both accepted and give the same rows', async () => {
		const compact = await api(sb, 'GET', '/reports/time/clients', { query: { from: from.replace(/-/g, ''), to: to.replace(/-/g, '') } });
		const iso = await api(sb, 'GET', '/reports/time/clients', { query: { from, to } });
		expect(iso.status).toBe(200);
		expect(iso.json.results).toEqual(compact.json.results);
	});

	test.each([
		[{ to: '20240101' }, /From/],
		[{ from: '20240101' }, /To/],
		[{ from: '20240101', to: '20250101' }, /365/],
		[{ from: '20240301', to: '20240201' }, /on or after/],
		[{ from: '2024-02-30', to: '20240301' }, /date/],
	])('%j → 422', async (query, message) => {
		for (const path of ['/reports/time/team', '/reports/expenses/clients', '/reports/uninvoiced']) {
			const res = await api(sb, 'GET', path, { query });
			expect(res.status).toBe(422);
			expect(res.json.message).toMatch(message);
		}
	});

	test('a full leap year (366 days inclusive, 365 apart) is accepted', async () => {
		expect((await api(sb, 'GET', '/reports/time/tasks', { query: { from: '20240101', to: '20241231' } })).status).toBe(200);
	});
});
