import { isoTime } from '../clock';
import { startSandbox, type Sandbox } from '../index';
import { api, sandboxDate, walk } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ seed: 21, records: 1500, rateLimits: false });
});
afterAll(() => sb.close());

async function ids(path: string, query: Record<string, string | number>): Promise<number[]> {
	const key = path.split('/').pop() as string;
	return (await walk(sb, path, { per_page: 2000, ...query })).flatMap((p) => p[key].map((r: any) => r.id)).sort((a, b) => a - b);
}

const sortIds = (rows: Array<{ id: number }>) => rows.map((r) => r.id).sort((a, b) => a - b);

describe('time entry filters', () => {
	test('from/to are inclusive bounds on spent_date', async () => {
		const store = sb.store.account();
		const from = sandboxDate(sb, -60);
		const to = sandboxDate(sb, -30);
		const expected = store.timeEntries.filter((e) => e.spent_date >= from && e.spent_date <= to);
		expect(expected.some((e) => e.spent_date === from) || expected.some((e) => e.spent_date === to)).toBe(true);
		expect(await ids('/time_entries', { from, to })).toEqual(sortIds(expected));
	});

	test('user_id, project_id, task_id, client_id, is_billed, approval_status', async () => {
		const store = sb.store.account();
		const sample = store.timeEntries.find((e) => e.invoice_id !== null) as NonNullable<ReturnType<typeof store.timeEntries.get>>;
		const clientId = (store.projects.get(sample.project_id) as { client_id: number }).client_id;
		expect(await ids('/time_entries', { user_id: sample.user_id })).toEqual(sortIds(store.timeEntries.filter((e) => e.user_id === sample.user_id)));
		expect(await ids('/time_entries', { project_id: sample.project_id })).toEqual(sortIds(store.timeEntries.filter((e) => e.project_id === sample.project_id)));
		expect(await ids('/time_entries', { task_id: sample.task_id })).toEqual(sortIds(store.timeEntries.filter((e) => e.task_id === sample.task_id)));
		expect(await ids('/time_entries', { client_id: clientId })).toEqual(
			sortIds(store.timeEntries.filter((e) => store.projects.get(e.project_id)?.client_id === clientId)),
		);
		const billed = store.timeEntries.filter((e) => e.invoice_id !== null);
		expect(billed.length).toBeGreaterThan(0);
		expect(await ids('/time_entries', { is_billed: 'true' })).toEqual(sortIds(billed));
		expect((await ids('/time_entries', { is_billed: 'false' })).length).toBe(store.timeEntries.size - billed.length);
		expect(await ids('/time_entries', { approval_status: 'submitted' })).toEqual(sortIds(store.timeEntries.filter((e) => e.approval_status === 'submitted')));
	});

	test('is_running and external_reference_id', async () => {
		const running = sb.mutate({ resource: 'time_entries', action: 'create', fields: { hours: null, external_reference: { id: 'EXT-42', permalink: 'https://tracker.example.com/42' } } });
		expect(await ids('/time_entries', { is_running: 'true' })).toEqual([running.id]);
		expect(await ids('/time_entries', { external_reference_id: 'EXT-42' })).toEqual([running.id]);
		sb.mutate({ resource: 'time_entries', action: 'delete', id: running.id as number });
	});

	test('updated_since is inclusive and accepts any ISO 8601 offset', async () => {
		const store = sb.store.account();
		const pivot = store.timeEntries.sorted()[200].updated_at;
		const expected = sortIds(store.timeEntries.filter((e) => e.updated_at >= pivot));
		expect(expected.some((id) => store.timeEntries.get(id)?.updated_at === pivot)).toBe(true);
		expect(await ids('/time_entries', { updated_since: isoTime(pivot) })).toEqual(expected);
		const shifted = new Date((pivot + 2 * 3600) * 1000).toISOString().slice(0, 19) + '+02:00';
		expect(await ids('/time_entries', { updated_since: shifted })).toEqual(expected);
		const excluded = isoTime(pivot + 1);
		expect(await ids('/time_entries', { updated_since: excluded })).toEqual(sortIds(store.timeEntries.filter((e) => e.updated_at > pivot)));
	});

	test.each([
		['is_billed', 'yes'], ['is_running', '1'], ['from', '2024-13-01'], ['to', '20240101'], ['updated_since', 'yesterday'],
		['user_id', 'abc'], ['approval_status', 'pending'],
	])('%s=%s → 422 with a message', async (name, value) => {
		const res = await api(sb, 'GET', '/time_entries', { query: { [name]: value } });
		expect(res.status).toBe(422);
		expect(typeof res.json.message).toBe('string');
	});
});

describe('other documented filters', () => {
	test('is_active on clients, projects, tasks, users, expense categories', async () => {
		const store = sb.store.account();
		expect(await ids('/clients', { is_active: 'false' })).toEqual(sortIds(store.clients.filter((c) => !c.is_active)));
		expect(await ids('/projects', { is_active: 'true' })).toEqual(sortIds(store.projects.filter((c) => c.is_active)));
		expect(await ids('/tasks', { is_active: 'false' })).toEqual(sortIds(store.tasks.filter((c) => !c.is_active)));
		expect(await ids('/users', { is_active: 'false' })).toEqual(sortIds(store.users.filter((c) => !c.is_active)));
		expect(await ids('/expense_categories', { is_active: 'true' })).toEqual(sortIds(store.expenseCategories.filter((c) => c.is_active)));
	});

	test('client_id on projects, contacts, invoices, estimates; state and issue-date range on invoices', async () => {
		const store = sb.store.account();
		const inv = store.invoices.sorted()[3];
		expect(await ids('/projects', { client_id: inv.client_id })).toEqual(sortIds(store.projects.filter((p) => p.client_id === inv.client_id)));
		expect(await ids('/contacts', { client_id: inv.client_id })).toEqual(sortIds(store.contacts.filter((p) => p.client_id === inv.client_id)));
		expect(await ids('/invoices', { client_id: inv.client_id })).toEqual(sortIds(store.invoices.filter((p) => p.client_id === inv.client_id)));
		expect(await ids('/invoices', { state: 'paid' })).toEqual(sortIds(store.invoices.filter((p) => p.state === 'paid')));
		expect(await ids('/invoices', { from: inv.issue_date, to: inv.issue_date })).toEqual(sortIds(store.invoices.filter((p) => p.issue_date === inv.issue_date)));
		const projectId = inv.line_items[0].project_id as number;
		expect(await ids('/invoices', { project_id: projectId })).toEqual(sortIds(store.invoices.filter((p) => p.line_items.some((li) => li.project_id === projectId))));
		expect(await ids('/estimates', { state: 'accepted' })).toEqual(sortIds(store.estimates.filter((p) => p.state === 'accepted')));
		expect((await api(sb, 'GET', '/invoices', { query: { state: 'sent' } })).status).toBe(422);
	});

	test('expense filters: user, project, client, billed, approval, dates', async () => {
		const store = sb.store.account();
		const e = store.expenses.sorted()[0];
		const clientId = store.projects.get(e.project_id)?.client_id as number;
		expect(await ids('/expenses', { user_id: e.user_id })).toEqual(sortIds(store.expenses.filter((x) => x.user_id === e.user_id)));
		expect(await ids('/expenses', { project_id: e.project_id })).toEqual(sortIds(store.expenses.filter((x) => x.project_id === e.project_id)));
		expect(await ids('/expenses', { client_id: clientId })).toEqual(sortIds(store.expenses.filter((x) => store.projects.get(x.project_id)?.client_id === clientId)));
		expect(await ids('/expenses', { is_billed: 'true' })).toEqual(sortIds(store.expenses.filter((x) => x.invoice_id !== null)));
		expect(await ids('/expenses', { approval_status: 'approved' })).toEqual(sortIds(store.expenses.filter((x) => x.approval_status === 'approved')));
		expect(await ids('/expenses', { from: e.spent_date })).toEqual(sortIds(store.expenses.filter((x) => x.spent_date >= e.spent_date)));
	});

	test('assignments: user_id and is_active on user assignments, per-project lists', async () => {
		const store = sb.store.account();
		const ua = store.userAssignments.sorted()[0];
		expect(await ids('/user_assignments', { user_id: ua.user_id })).toEqual(sortIds(store.userAssignments.filter((x) => x.user_id === ua.user_id)));
		expect(await ids(`/projects/${ua.project_id}/user_assignments`, {})).toEqual(sortIds(store.userAssignments.filter((x) => x.project_id === ua.project_id)));
		expect(await ids(`/projects/${ua.project_id}/task_assignments`, { is_active: 'true' })).toEqual(
			sortIds(store.taskAssignments.filter((x) => x.project_id === ua.project_id && x.is_active)),
		);
		const pa = await walk(sb, `/users/${ua.user_id}/project_assignments`, {});
		expect(pa.flatMap((p) => p.project_assignments.map((x: any) => x.id)).sort((a, b) => a - b)).toEqual(
			sortIds(store.userAssignments.filter((x) => x.user_id === ua.user_id && x.is_active)),
		);
	});
});

describe('default orders', () => {
	test('time entries: spent_date, then created_at, then id, newest first', async () => {
		const { time_entries: rows } = (await api(sb, 'GET', '/time_entries')).json;
		for (let i = 1; i < rows.length; i++) {
			const a = rows[i - 1];
			const b = rows[i];
			const cmp = a.spent_date !== b.spent_date ? a.spent_date > b.spent_date : a.created_at !== b.created_at ? a.created_at > b.created_at : a.id > b.id;
			expect(cmp).toBe(true);
		}
	});

	test('invoices and estimates: issue_date, newest first; expenses: spent_date, newest first', async () => {
		for (const [path, key, field] of [['/invoices', 'invoices', 'issue_date'], ['/estimates', 'estimates', 'issue_date'], ['/expenses', 'expenses', 'spent_date']]) {
			const rows = (await api(sb, 'GET', path, { query: { per_page: 2000 } })).json[key];
			const dates = rows.map((r: any) => r[field]);
			expect(dates).toEqual(dates.slice().sort().reverse());
		}
	});

	test('billable and cost rates: start_date, oldest first', async () => {
		const store = sb.store.account();
		const user = store.users.find((u) => store.billableRates.filter((r) => r.user_id === u.id).length > 1) as { id: number };
		const rates = (await api(sb, 'GET', `/users/${user.id}/billable_rates`)).json.billable_rates;
		expect(rates.length).toBeGreaterThan(1);
		const starts = rates.map((r: any) => r.start_date ?? '');
		expect(starts).toEqual(starts.slice().sort());
	});

	test('everything else: created_at, newest first', async () => {
		for (const key of ['clients', 'contacts', 'projects', 'tasks', 'users', 'roles', 'user_assignments', 'task_assignments', 'expense_categories']) {
			const rows = (await api(sb, 'GET', `/${key}`)).json[key];
			const stamps = rows.map((r: any) => `${r.created_at}|${String(r.id).padStart(12, '0')}`);
			expect(stamps).toEqual(stamps.slice().sort().reverse());
		}
	});
});
