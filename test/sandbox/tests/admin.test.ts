import { startSandbox, type Sandbox } from '../index';
import { api, request, UA } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ seed: 131, records: 300, rateLimits: false });
});
afterAll(() => sb.close());
afterEach(() => sb.setClockOffset(0));

const admin = (method: string, path: string, body?: unknown) =>
	request(`${sb.idUrl}/__sandbox${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe('request log', () => {
	test('records method, path, query, status, account, duration and body size — never credentials', async () => {
		await admin('DELETE', '/requests');
		await api(sb, 'GET', '/clients', { query: { is_active: 'true', per_page: 5 } });
		const body = JSON.stringify({ name: 'Logged' });
		await api(sb, 'POST', '/tasks', { json: { name: 'Logged' } });
		await request(`${sb.url}/users/me?access_token=${sb.token}&account_id=${sb.accountId}`, { headers: { 'User-Agent': UA } });
		await api(sb, 'GET', '/users/me', { token: 'bad-token' });
		await request(`${sb.idUrl}/api/v2/oauth2/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: `grant_type=refresh_token&refresh_token=secret-refresh&client_id=${sb.oauth.clientId}&client_secret=${sb.oauth.clientSecret}`,
		});
		const res = await admin('GET', '/requests');
		const entries = res.json.requests;
		expect(entries.map((e: any) => [e.method, e.path, e.status])).toEqual([
			['GET', '/v2/clients', 200],
			['POST', '/v2/tasks', 201],
			['GET', '/v2/users/me', 200],
			['GET', '/v2/users/me', 401],
			['POST', '/api/v2/oauth2/token', 400],
		]);
		expect(entries[0]).toEqual({
			seq: expect.any(Number), time: expect.stringMatching(/Z$/), method: 'GET', path: '/v2/clients', query: { is_active: 'true', per_page: '5' },
			status: 200, accountId: Number(sb.accountId), durationMs: expect.any(Number), bodyBytes: 0, fault: null,
		});
		expect(entries[1].bodyBytes).toBe(Buffer.byteLength(body));
		expect(entries[2].query).toEqual({ account_id: sb.accountId });
		expect(entries[0].seq).toBeLessThan(entries[1].seq);
		const text = JSON.stringify(entries);
		for (const secret of [sb.token, 'bad-token', 'secret-refresh', sb.oauth.clientSecret]) expect(text).not.toContain(secret);
		expect(sb.log.entries()).toEqual(entries);
	});

	test('admin requests are not logged; DELETE clears the log', async () => {
		await api(sb, 'GET', '/users/me');
		await admin('GET', '/state');
		expect(sb.log.entries().some((e) => e.path.startsWith('/__sandbox'))).toBe(false);
		expect((await admin('DELETE', '/requests')).status).toBe(200);
		expect(sb.log.entries()).toEqual([]);
		await api(sb, 'GET', '/users/me');
		sb.log.clear();
		expect((await admin('GET', '/requests')).json.requests).toEqual([]);
	});
});

describe('clock', () => {
	test('the offset moves the Date header, created_at/updated_at and the default dates', async () => {
		const set = await admin('POST', '/clock', { offsetSeconds: 86400 * 3 });
		expect(set.json.offsetSeconds).toBe(259200);
		const now = Date.now();
		const res = await api(sb, 'POST', '/clients', { json: { name: 'Future Co' } });
		const created = Date.parse(res.json.created_at);
		expect(created - now).toBeGreaterThan(259200_000 - 3000);
		expect(created - now).toBeLessThan(259200_000 + 3000);
		expect(Math.abs(Date.parse(res.headers.date as string) - created)).toBeLessThanOrEqual(2000);
		const inv = await api(sb, 'POST', '/invoices', { json: { client_id: res.json.id } });
		expect(inv.json.issue_date).toBe(new Date(created).toISOString().slice(0, 10));
		const got = await admin('GET', '/clock');
		expect(got.json).toEqual({ now: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/), offsetSeconds: 259200 });
		expect((await admin('POST', '/clock', { offsetSeconds: 'soon' })).status).toBe(400);
	});

	test('clockOffsetSeconds at start-up', async () => {
		const early = await startSandbox({ records: 10, clockOffsetSeconds: -3600 });
		try {
			const res = await api(early, 'GET', '/users/me');
			expect(Date.now() - Date.parse(res.headers.date as string)).toBeGreaterThan(3590_000);
		} finally {
			await early.close();
		}
	});
});

describe('mutate', () => {
	test('create picks valid relations; update and delete go through the API rules', async () => {
		const created = await admin('POST', '/mutate', { resource: 'time_entries', action: 'create', fields: { notes: 'from a trigger test' } });
		expect(created.status).toBe(201);
		expect(created.json).toMatchObject({ notes: 'from a trigger test', project: { id: expect.any(Number) }, task: { id: expect.any(Number) } });
		const via = await api(sb, 'GET', `/time_entries/${created.json.id}`);
		expect(via.json).toEqual(created.json);
		const updated = await admin('POST', '/mutate', { resource: 'time_entries', action: 'update', id: created.json.id, fields: { hours: 2.5 } });
		expect(updated.json.hours).toBe(2.5);
		const deleted = await admin('POST', '/mutate', { resource: 'time_entries', action: 'delete', id: created.json.id });
		expect(deleted.json).toEqual({ id: created.json.id, deleted: true });
		expect((await api(sb, 'GET', `/time_entries/${created.json.id}`)).status).toBe(404);
		// Rules still apply: a client with projects cannot be deleted.
		const client = sb.store.account().projects.sorted()[0].client_id;
		const refused = await admin('POST', '/mutate', { resource: 'clients', action: 'delete', id: client });
		expect(refused.status).toBe(422);
		expect(refused.json.message).toMatch(/projects/);
	});

	test('every mutable resource can be created, updated and deleted', async () => {
		const resources = ['clients', 'contacts', 'projects', 'tasks', 'users', 'time_entries', 'invoices', 'estimates', 'expenses', 'expense_categories', 'invoice_item_categories', 'estimate_item_categories', 'task_assignments', 'user_assignments'];
		for (const resource of resources) {
			const made = sb.mutate({ resource: resource as never, action: 'create' });
			expect(typeof made.id).toBe('number');
			const changed = sb.mutate({ resource: resource as never, action: 'update', id: made.id as number, fields: {} });
			expect(changed.id).toBe(made.id);
			expect(sb.mutate({ resource: resource as never, action: 'delete', id: made.id as number })).toEqual({ id: made.id, deleted: true });
		}
	});

	test('raw fields set stored values directly (e.g. approval status, updated_at in the past)', async () => {
		const e = sb.mutate({ resource: 'time_entries', action: 'create', raw: { approval_status: 'approved', updated_at: '2020-01-02T03:04:05Z' } });
		expect(e).toMatchObject({ approval_status: 'approved', is_locked: true, is_closed: true, updated_at: '2020-01-02T03:04:05Z' });
	});

	test('batch applies operations in order and reports each outcome', async () => {
		const res = await admin('POST', '/mutate/batch', {
			operations: [
				{ resource: 'tasks', action: 'create', fields: { name: 'Batch task' } },
				{ resource: 'tasks', action: 'create', fields: { name: 'Batch task' } },
				{ resource: 'nope', action: 'create' },
			],
		});
		expect(res.status).toBe(200);
		expect(res.json.results.map((r: any) => r.status)).toEqual([201, 422, 400]);
		expect(res.json.results[0].body.name).toBe('Batch task');
	});

	test('the second account can be targeted; mutate is neither logged nor rate-limited', async () => {
		const second = sb.accounts.filter((a) => a.product === 'harvest')[1].id;
		sb.log.clear();
		const res = await admin('POST', '/mutate', { accountId: second, resource: 'clients', action: 'create' });
		expect(res.status).toBe(201);
		expect(sb.store.account(second).clients.get(res.json.id)).toBeDefined();
		expect(sb.store.account().clients.get(res.json.id)).toBeUndefined();
		expect(sb.log.entries()).toEqual([]);
		expect((await admin('POST', '/mutate', { resource: 'clients', action: 'update' })).status).toBe(400);
		expect(() => sb.mutate({ resource: 'clients', action: 'update', id: 1, fields: {} })).toThrow(/404/);
	});
});

describe('state and reset', () => {
	test('state counts every resource; reset regenerates from a seed, keeping tokens and accounts', async () => {
		const state = (await admin('GET', '/state')).json;
		expect(state.accounts[0]).toMatchObject({ id: Number(sb.accountId), product: 'harvest', counts: expect.objectContaining({ time_entries: expect.any(Number) }) });
		expect(state.accounts[2].product).toBe('forecast');
		const reset = await admin('POST', '/reset', { seed: 5, records: 120 });
		expect(reset.status).toBe(200);
		expect(reset.json.accounts[0].counts.time_entries).toBe(120);
		expect((await api(sb, 'GET', '/time_entries')).json.total_entries).toBe(120);
		expect((await admin('POST', '/reset', { records: -1 })).status).toBe(400);
		sb.reset({ seed: 131, records: 300 });
		expect(sb.store.account().timeEntries.size).toBe(300);
	});

	test('unknown admin endpoints are 404', async () => {
		expect((await admin('GET', '/nothing')).status).toBe(404);
	});
});
