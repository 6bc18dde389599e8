/**
 * The ten reports against the sandbox, which computes them from its time entries and expenses: every report
 * returns rows, the sums agree with the stored records, Limit caps the rows, periods over 365 days are read
 * in slices whose rows add up, and period checks send nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { budgetFor } from '../../nodes/shared/transport/governor';
import { useActionSandbox } from './support';

const env = useActionSandbox();

let from: string;
let to: string;

beforeAll(() => {
	// The 365 days of seeded activity that end on the latest stopped time entry: one request's worth.
	const store = env.store();
	to = store.timeEntries.all().filter((e) => e.timer_started_at === null).map((e) => e.spent_date).sort().at(-1)!;
	from = daysBefore(to, 364);
});

function daysBefore(date: string, days: number): string {
	const day = new Date(`${date}T00:00:00Z`);
	day.setUTCDate(day.getUTCDate() - days);
	return day.toISOString().slice(0, 10);
}

const report = async (operation: string, extra: IDataObject = {}) =>
	(await env.run({ resource: 'report', operation, from, to, returnAll: true, ...extra })).items.map((i) => i.json);
const sum = (rows: IDataObject[], key: string) => rows.reduce((total, row) => total + Number(row[key] ?? 0), 0);
const inPeriod = (date: string) => date >= from && date <= to;

describe('report (sandbox)', () => {
	it.each([
		['timeByClient', 'GET /v2/reports/time/clients', 'client_name'],
		['timeByProject', 'GET /v2/reports/time/projects', 'project_name'],
		['timeByTask', 'GET /v2/reports/time/tasks', 'task_name'],
		['timeByTeam', 'GET /v2/reports/time/team', 'user_name'],
	])('%s: one item per row; the hours add up to the stopped entries of the period', async (operation, request, label) => {
		const rows = await report(operation, { options: { include_fixed_fee: true } });
		expect(rows.length).toBeGreaterThan(1);
		expect(rows[0]).toEqual(expect.objectContaining({ [label]: expect.any(String), total_hours: expect.any(Number) }));
		const stopped = env.store().timeEntries.all().filter((e) => inPeriod(e.spent_date) && e.timer_started_at === null);
		const running = env.store().timeEntries.all().filter((e) => inPeriod(e.spent_date) && e.timer_started_at !== null);
		const hours = stopped.reduce((total, e) => total + e.hours_without_timer, 0);
		if (running.length === 0) expect(sum(rows, 'total_hours')).toBeCloseTo(hours, 0);
		else expect(sum(rows, 'total_hours')).toBeGreaterThanOrEqual(hours - 0.5);
		expect(env.received()).toEqual([request]);
		expect(env.sandbox.log.entries()[0].query).toMatchObject({ from, to, include_fixed_fee: 'true' });
	});

	it.each([
		['expensesByCategory', 'GET /v2/reports/expenses/categories', 'expense_category_name'],
		['expensesByClient', 'GET /v2/reports/expenses/clients', 'client_name'],
		['expensesByProject', 'GET /v2/reports/expenses/projects', 'project_name'],
		['expensesByTeam', 'GET /v2/reports/expenses/team', 'user_name'],
	])('%s: one item per row; the amounts add up to the expenses of the period', async (operation, request, label) => {
		const rows = await report(operation);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows[0]).toEqual(expect.objectContaining({ [label]: expect.any(String) }));
		const expenses = env.store().expenses.all().filter((e) => inPeriod(e.spent_date));
		expect(sum(rows, 'total_amount')).toBeCloseTo(expenses.reduce((total, e) => total + e.total_cost, 0), 1);
		expect(env.received()).toEqual([request]);
	});

	it('uninvoiced: rows per project with uninvoiced hours and amounts', async () => {
		const rows = await report('uninvoiced', { options: { include_fixed_fee: false } });
		expect(rows.length).toBeGreaterThan(0);
		expect(rows[0]).toEqual(expect.objectContaining({ project_name: expect.any(String), uninvoiced_amount: expect.any(Number) }));
		expect(env.sandbox.log.entries()[0].query).toMatchObject({ from, to, include_fixed_fee: 'false' });
	});

	it('project budget: no period, the Active filter, and Limit', async () => {
		const all = await report('projectBudget', { from: undefined, to: undefined, filters: { is_active: true } });
		expect(all.length).toBeGreaterThan(2);
		expect(all.every((row) => row.is_active === true)).toBe(true);
		expect(env.sandbox.log.entries()[0].query).toEqual({ is_active: 'true', per_page: '2000' });
		const two = await report('projectBudget', { returnAll: false, limit: 2, filters: { is_active: true } });
		expect(two).toEqual(all.slice(0, 2));
	});

	it.each([
		['an end before the start', { from: '2025-03-02', to: '2025-03-01' }, /"To" \(2025-03-01\) is before the start date \(2025-03-02\)/],
		['an impossible date', { from: '2025-02-29', to: '2025-03-01' }, /"From" must be a real date/],
		['no start date', { from: '' }, /"From" must be a real date/],
	])('sends nothing for %s', async (_, period, message) => {
		const { error } = await env.refusal({ resource: 'report', operation: 'timeByProject', returnAll: true, ...period });
		expect(error.message).toMatch(message);
		expect(error.message).toMatch(/\[item 0\]$/);
		expect(env.received()).toEqual([]);
	});

	describe('periods over 365 days', () => {
		const stoppedHours = (start: string, end: string) =>
			env
				.store()
				.timeEntries.all()
				.filter((e) => e.spent_date >= start && e.spent_date <= end && e.timer_started_at === null)
				.reduce((total, e) => total + e.hours_without_timer, 0);

		it('are read in slices of at most 365 days whose rows add up per record and currency', async () => {
			const start = daysBefore(to, 3 * 365 + 40);
			const rows = await report('timeByProject', { from: start, options: { include_fixed_fee: true } });
			const queries = env.sandbox.log.entries().map((e) => e.query as IDataObject);
			expect(queries.map((q) => [q.from, q.to])).toEqual([
				[start, daysBefore(to, 2 * 365 + 41)],
				[daysBefore(to, 2 * 365 + 40), daysBefore(to, 365 + 41)],
				[daysBefore(to, 365 + 40), daysBefore(to, 41)],
				[daysBefore(to, 40), to],
			]);
			expect(queries.every((q) => q.include_fixed_fee === 'true')).toBe(true);
			// Each slice was one request against the reports budget.
			const budget = budgetFor(`${new URL(env.sandbox.url).origin}|${env.sandbox.accountId}`);
			expect(budget.reports.inWindow).toBe(4);
			// One row per project and currency, with the figures of the whole period.
			const keys = rows.map((r) => `${r.project_id}:${r.currency}`);
			expect(new Set(keys).size).toBe(keys.length);
			expect(sum(rows, 'total_hours')).toBeCloseTo(stoppedHours(start, to), 1);
			// The same figures as one row per slice, each row carrying its slice.
			env.sandbox.log.clear();
			const perSlice = await report('timeByProject', { from: start, longPeriod: 'perSlice', options: { include_fixed_fee: true } });
			expect(sum(perSlice, 'total_hours')).toBeCloseTo(sum(rows, 'total_hours'), 6);
			expect(sum(perSlice, 'billable_amount')).toBeCloseTo(sum(rows, 'billable_amount'), 6);
			expect(perSlice.every((r) => typeof r.from === 'string' && typeof r.to === 'string')).toBe(true);
			const project = rows[0];
			const sliced = perSlice.filter((r) => r.project_id === project.project_id && r.currency === project.currency);
			expect(sum(sliced, 'billable_hours')).toBeCloseTo(Number(project.billable_hours), 6);
		});

		it('cut a calendar year of 366 days in two and apply Limit to the merged rows', async () => {
			const rows = await report('expensesByCategory', { from: '2024-01-01', to: '2024-12-31', returnAll: false, limit: 2 });
			expect(env.sandbox.log.entries().map((e) => [e.query.from, e.query.to])).toEqual([
				['2024-01-01', '2024-12-30'],
				['2024-12-31', '2024-12-31'],
			]);
			expect(rows.length).toBeLessThanOrEqual(2);
		});
	});

	it('continues on fail: a bad period fails its item only, and rows pair with their items', async () => {
		const { items } = await env.run(
			(i) => ({ resource: 'report', operation: 'expensesByCategory', returnAll: true, from: i === 0 ? '2025-13-01' : from, to }),
			{ continueOnFail: true, items: [{ json: {} }, { json: {} }] },
		);
		expect(items[0]).toEqual({ json: { error: expect.stringMatching(/"From" must be a real date/) }, pairedItem: { item: 0 } });
		expect(items.length).toBeGreaterThan(1);
		expect(items.slice(1).every((i) => (i.pairedItem as { item: number }).item === 1)).toBe(true);
		expect(env.received()).toEqual(['GET /v2/reports/expenses/categories']);
	});
});
