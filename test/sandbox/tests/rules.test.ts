import { startSandbox, type Sandbox } from '../index';
import { api, request, UA } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ seed: 31, records: 400, rateLimits: false });
});
afterAll(() => sb.close());

describe('status codes and bodies', () => {
	test('POST 201 with the object, PATCH 200, DELETE 200 with an empty body, then 404', async () => {
		const made = await api(sb, 'POST', '/clients', { json: { name: 'Status Co', currency: 'EUR' } });
		expect(made.status).toBe(201);
		expect(made.json).toMatchObject({ name: 'Status Co', currency: 'EUR', is_active: true, address: null });
		const patched = await api(sb, 'PATCH', `/clients/${made.json.id}`, { json: { is_active: false } });
		expect(patched.status).toBe(200);
		expect(patched.json).toMatchObject({ id: made.json.id, name: 'Status Co', is_active: false });
		const gone = await api(sb, 'DELETE', `/clients/${made.json.id}`);
		expect(gone.status).toBe(200);
		expect(gone.text).toBe('');
		expect(gone.headers['content-length']).toBe('0');
		const missing = await api(sb, 'GET', `/clients/${made.json.id}`);
		expect(missing.status).toBe(404);
	});

	test('unknown ids, non-numeric ids and unknown paths are 404', async () => {
		for (const path of ['/clients/999999999', '/projects/abc', '/time_entries/1/nope', '/nope', '/projects/1/task_assignments/2']) {
			expect((await api(sb, 'GET', path)).status).toBe(404);
		}
		const project = sb.store.account().projects.sorted()[0];
		const foreign = sb.store.account().userAssignments.find((ua) => ua.project_id !== project.id) as { id: number };
		expect((await api(sb, 'GET', `/projects/${project.id}/user_assignments/${foreign.id}`)).status).toBe(404);
	});

	test.each([
		['/clients', {}, /Name can't be blank/],
		['/contacts', { client_id: 0, last_name: 'x' }, /First name can't be blank/],
		['/projects', { name: 'P', client_id: 1, is_billable: true, budget_by: 'none' }, /Bill by can't be blank/],
		['/tasks', { name: '' }, /Name can't be blank/],
		['/users', { first_name: 'A', last_name: 'B' }, /Email can't be blank/],
		['/time_entries', { task_id: 1, spent_date: '2024-01-01' }, /Project can't be blank/],
		['/expenses', { project_id: 1, spent_date: '2024-01-01' }, /Expense category can't be blank/],
		['/invoices', {}, /Client can't be blank/],
		['/estimates', { number: 'X' }, /Client can't be blank/],
		['/roles', {}, /Name can't be blank/],
	])('POST %s without a required field → 422 {message}', async (path, body, message) => {
		const res = await api(sb, 'POST', path, { json: body });
		expect(res.status).toBe(422);
		expect(Object.keys(res.json)).toEqual(['message']);
		expect(res.json.message).toMatch(message);
	});

	test('references to records that do not exist are 422', async () => {
		const res = await api(sb, 'POST', '/contacts', { json: { client_id: 123, first_name: 'X' } });
		expect(res.status).toBe(422);
		expect(res.json.message).toMatch(/Client not found/);
	});

	test('enums and types are validated', async () => {
		const client = sb.store.account().clients.sorted()[0];
		const bad = await api(sb, 'POST', '/projects', { json: { client_id: client.id, name: 'X', is_billable: true, bill_by: 'Hours', budget_by: 'none' } });
		expect(bad.status).toBe(422);
		expect((await api(sb, 'PATCH', `/clients/${client.id}`, { json: { is_active: 'maybe' } })).status).toBe(422);
		expect((await api(sb, 'POST', '/clients', { json: { name: 'Cur', currency: 'euro' } })).status).toBe(422);
	});

	test('unique names: clients, tasks; unique user emails', async () => {
		const store = sb.store.account();
		expect((await api(sb, 'POST', '/clients', { json: { name: store.clients.sorted()[0].name } })).json.message).toMatch(/already been taken/);
		expect((await api(sb, 'POST', '/tasks', { json: { name: store.tasks.sorted()[0].name } })).status).toBe(422);
		const u = store.users.sorted()[0];
		expect((await api(sb, 'POST', '/users', { json: { first_name: 'A', last_name: 'B', email: u.email } })).status).toBe(422);
	});

	test('malformed JSON is a 400', async () => {
		const res = await request(`${sb.url}/clients`, {
			method: 'POST',
			headers: { 'User-Agent': UA, Authorization: `Bearer ${sb.token}`, 'Harvest-Account-Id': sb.accountId, 'Content-Type': 'application/json' },
			body: '{"name": ',
		});
		expect(res.status).toBe(400);
		expect(res.json.message).toMatch(/JSON/);
	});

	test('form-encoded bodies are accepted, with Rails-style nested keys', async () => {
		const client = sb.store.account().clients.sorted()[0];
		const res = await api(sb, 'POST', '/invoices', {
			form: `client_id=${client.id}&subject=Form&line_items[][kind]=Service&line_items[][unit_price]=50&line_items[][quantity]=2&line_items[][kind]=Product&line_items[][unit_price]=10`,
		});
		expect(res.status).toBe(201);
		expect(res.json.line_items.map((li: any) => [li.kind, li.quantity, li.unit_price, li.amount])).toEqual([
			['Service', 2, 50, 100],
			['Product', 1, 10, 10],
		]);
		expect(res.json.amount).toBe(110);
	});
});

describe('timestamps', () => {
	const realTimers = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'] as const;
	afterEach(() => {
		jest.useRealTimers();
		sb.setClockOffset(0);
	});

	test('second precision, UTC Z; updates move updated_at, never created_at', async () => {
		const made = await api(sb, 'POST', '/tasks', { json: { name: 'Stamped task' } });
		expect(made.json.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		expect(made.json.updated_at).toBe(made.json.created_at);
		sb.setClockOffset(125);
		const a = await api(sb, 'PATCH', `/tasks/${made.json.id}`, { json: { is_default: true } });
		expect(a.json.created_at).toBe(made.json.created_at);
		expect(Date.parse(a.json.updated_at) - Date.parse(made.json.created_at)).toBeGreaterThanOrEqual(125_000);
	});

	test('several writes within one second share updated_at (as in Harvest); the next second moves it', async () => {
		// Freeze the host clock (only Date), so the writes below all happen in the same second.
		jest.useFakeTimers({ doNotFake: [...realTimers], now: new Date('2031-05-05T10:00:00.200Z') });
		const made = await api(sb, 'POST', '/tasks', { json: { name: 'Same second' } });
		const a = await api(sb, 'PATCH', `/tasks/${made.json.id}`, { json: { is_default: true } });
		jest.setSystemTime(new Date('2031-05-05T10:00:00.900Z'));
		const b = await api(sb, 'PATCH', `/tasks/${made.json.id}`, { json: { is_default: false } });
		expect([made.json.updated_at, a.json.updated_at, b.json.updated_at]).toEqual(Array(3).fill('2031-05-05T10:00:00Z'));
		jest.setSystemTime(new Date('2031-05-05T10:00:01.000Z'));
		const c = await api(sb, 'PATCH', `/tasks/${made.json.id}`, { json: { is_active: true } });
		expect(c.json.updated_at).toBe('2031-05-05T10:00:01Z');
		expect(c.headers.date).toBe('Mon, 05 May 2031 10:00:01 GMT');
	});
});

describe('deletion rules', () => {
	test('a client with projects cannot be deleted; one without can, with its contacts', async () => {
		const store = sb.store.account();
		const withProjects = store.clients.find((c) => store.projects.some((p) => p.client_id === c.id)) as { id: number };
		const res = await api(sb, 'DELETE', `/clients/${withProjects.id}`);
		expect(res.status).toBe(422);
		expect(res.json.message).toMatch(/projects, invoices or estimates/);
		const lonely = sb.mutate({ resource: 'clients', action: 'create' }).id as number;
		const contact = sb.mutate({ resource: 'contacts', action: 'create', fields: { client_id: lonely } }).id as number;
		expect((await api(sb, 'DELETE', `/clients/${lonely}`)).status).toBe(200);
		expect(store.contacts.get(contact)).toBeUndefined();
	});

	test('a task with time entries cannot be deleted', async () => {
		const store = sb.store.account();
		const task = store.tasks.find((t) => store.timeEntries.some((e) => e.task_id === t.id)) as { id: number };
		expect((await api(sb, 'DELETE', `/tasks/${task.id}`)).status).toBe(422);
	});

	test('users, user assignments and task assignments with tracked time cannot be deleted', async () => {
		const store = sb.store.account();
		const e = store.timeEntries.sorted().find((x) => x.user_id !== store.meId) as NonNullable<ReturnType<typeof store.timeEntries.get>>;
		expect((await api(sb, 'DELETE', `/users/${e.user_id}`)).status).toBe(422);
		const ua = store.userAssignmentFor(e.project_id, e.user_id) as { id: number };
		expect((await api(sb, 'DELETE', `/projects/${e.project_id}/user_assignments/${ua.id}`)).status).toBe(422);
		const ta = store.taskAssignmentFor(e.project_id, e.task_id) as { id: number };
		expect((await api(sb, 'DELETE', `/projects/${e.project_id}/task_assignments/${ta.id}`)).status).toBe(422);
	});

	test('invoice item categories used for services or expenses cannot be deleted', async () => {
		const service = sb.store.account().invoiceItemCategories.find((c) => c.use_as_service) as { id: number };
		expect((await api(sb, 'DELETE', `/invoice_item_categories/${service.id}`)).status).toBe(422);
	});

	test('time entries on archived projects cannot be deleted', async () => {
		const entry = sb.mutate({ resource: 'time_entries', action: 'create' });
		const projectId = (entry.project as { id: number }).id;
		await api(sb, 'PATCH', `/projects/${projectId}`, { json: { is_active: false } });
		expect((await api(sb, 'DELETE', `/time_entries/${entry.id}`)).status).toBe(422);
		await api(sb, 'PATCH', `/projects/${projectId}`, { json: { is_active: true } });
		expect((await api(sb, 'DELETE', `/time_entries/${entry.id}`)).status).toBe(200);
	});

	test('deleting a project deletes its time entries, expenses and assignments, but keeps invoices', async () => {
		const store = sb.store.account();
		const project = store.projects.find(
			(p) => store.timeEntries.some((e) => e.project_id === p.id && e.invoice_id !== null) && store.expenses.some((e) => e.project_id === p.id),
		) as { id: number };
		expect(project).toBeDefined();
		const invoiceIds = new Set(store.timeEntries.filter((e) => e.project_id === project.id && e.invoice_id !== null).map((e) => e.invoice_id));
		const entries = store.timeEntries.filter((e) => e.project_id === project.id).map((e) => e.id);
		const res = await api(sb, 'DELETE', `/projects/${project.id}`);
		expect(res.status).toBe(200);
		for (const id of entries) expect((await api(sb, 'GET', `/time_entries/${id}`)).status).toBe(404);
		expect(store.expenses.some((e) => e.project_id === project.id)).toBe(false);
		expect(store.userAssignments.some((a) => a.project_id === project.id)).toBe(false);
		expect(store.taskAssignments.some((a) => a.project_id === project.id)).toBe(false);
		for (const id of invoiceIds) expect((await api(sb, 'GET', `/invoices/${id}`)).status).toBe(200);
	});
});

describe('relations', () => {
	test('a new project gets the default tasks and its creator as project manager', async () => {
		const store = sb.store.account();
		const client = store.clients.find((c) => c.is_active) as { id: number };
		const res = await api(sb, 'POST', '/projects', { json: { client_id: client.id, name: 'Relations', is_billable: true, bill_by: 'Project', hourly_rate: 90, budget_by: 'none' } });
		expect(res.status).toBe(201);
		expect(res.json.client).toEqual({ id: client.id, name: expect.any(String), currency: expect.any(String) });
		const tas = (await api(sb, 'GET', `/projects/${res.json.id}/task_assignments`)).json.task_assignments;
		expect(tas.map((t: any) => t.task.id).sort()).toEqual(store.tasks.filter((t) => t.is_default && t.is_active).map((t) => t.id).sort());
		const uas = (await api(sb, 'GET', `/projects/${res.json.id}/user_assignments`)).json.user_assignments;
		expect(uas.find((u: any) => u.user.id === store.meId)).toMatchObject({ is_project_manager: true });
	});

	test('time entries need the task and the user assigned to the project', async () => {
		const store = sb.store.account();
		const project = store.projects.find((p) => p.is_active) as { id: number };
		const unassignedTask = store.tasks.find((t) => !store.taskAssignmentFor(project.id, t.id)) as { id: number };
		const res = await api(sb, 'POST', '/time_entries', { json: { project_id: project.id, task_id: unassignedTask.id, spent_date: '2024-01-02', hours: 1 } });
		expect(res.status).toBe(422);
		expect(res.json.message).toMatch(/not assigned/);
	});

	test('a time entry embeds client, project, task, user and its assignments; rates follow bill_by', async () => {
		const created = sb.mutate({ resource: 'time_entries', action: 'create' });
		const store = sb.store.account();
		const row = store.timeEntries.get(created.id as number) as NonNullable<ReturnType<typeof store.timeEntries.get>>;
		const project = store.projects.get(row.project_id) as NonNullable<ReturnType<typeof store.projects.get>>;
		expect(created.client).toEqual({ id: project.client_id, name: store.clients.get(project.client_id)?.name });
		expect((created.user_assignment as any).id).toBe(store.userAssignmentFor(row.project_id, row.user_id)?.id);
		expect((created.task_assignment as any).id).toBe(store.taskAssignmentFor(row.project_id, row.task_id)?.id);
		if (created.billable && project.bill_by === 'Project') expect(created.billable_rate).toBe(project.hourly_rate);
	});
});
