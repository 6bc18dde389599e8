import { startSandbox, type Sandbox } from '../index';
import { recordsIn } from '../server';
import { api, request, UA } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ seed: 121, records: 50, rateLimits: false, latencyMs: 40 });
});
afterAll(() => sb.close());
afterEach(() => sb.faults.clear());

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const t = performance.now();
	const out = await fn();
	return [out, performance.now() - t];
}

const admin = (method: string, path: string, body?: unknown) =>
	request(`${sb.idUrl}/__sandbox${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

test('latency and jitter; the start-up latency is the baseline that clear() returns to', async () => {
	const [, base] = await timed(() => api(sb, 'GET', '/users/me'));
	expect(base).toBeGreaterThanOrEqual(38);
	// Lower bounds only: how much longer than the injected latency an answer takes depends on the machine's load.
	sb.faults.set({ latencyMs: 0, jitterMs: 0 });
	expect(sb.faults.get()).toMatchObject({ latencyMs: 0, jitterMs: 0 });
	sb.faults.set({ latencyMs: 100, jitterMs: 100 });
	const times = [];
	for (let i = 0; i < 5; i++) times.push((await timed(() => api(sb, 'GET', '/users/me')))[1]);
	expect(Math.min(...times)).toBeGreaterThanOrEqual(98);
	expect(new Set(times.map((t) => Math.round(t / 10))).size).toBeGreaterThan(1);
	sb.faults.clear();
	expect(sb.faults.get().latencyMs).toBe(40);
});

test('latency model: server time per record on the page comes on top of the base latency', async () => {
	sb.faults.set({ latencyMs: 0, perRecordMs: 2 });
	const [page, pageMs] = await timed(() => api(sb, 'GET', '/time_entries?per_page=40'));
	const [small, smallMs] = await timed(() => api(sb, 'GET', '/time_entries?per_page=2'));
	const [, oneMs] = await timed(() => api(sb, 'GET', '/users/me'));
	expect((page.json as { time_entries: unknown[] }).time_entries).toHaveLength(40);
	expect((small.json as { time_entries: unknown[] }).time_entries).toHaveLength(2);
	// Lower bounds only: the sandbox waits at least this long; how much longer depends on the machine.
	expect(pageMs).toBeGreaterThanOrEqual(40 * 2 - 2);
	expect(smallMs).toBeGreaterThanOrEqual(2 * 2 - 2);
	expect(oneMs).toBeGreaterThanOrEqual(2 - 1);
	sb.faults.clear();
	expect(sb.faults.get().perRecordMs).toBe(0);
});

test('recordsIn counts the list of a list page, and one record otherwise', () => {
	expect(recordsIn({ clients: [1, 2, 3], per_page: 2000, links: {} })).toBe(3);
	expect(recordsIn({ results: [], per_page: 2000 })).toBe(0);
	expect(recordsIn({ id: 1, name: 'x', tags: [1, 2] })).toBe(1);
	expect(recordsIn(undefined)).toBe(0);
});

test.each([
	[500, /application\/json/],
	[502, /text\/html/],
	[503, /text\/html/],
])('errorRate 1 with status %i', async (status, type) => {
	sb.faults.set({ errorRate: 1, errorStatuses: [status] });
	const res = await api(sb, 'GET', '/clients');
	expect(res.status).toBe(status);
	expect(res.headers['content-type']).toMatch(type);
});

test('an error share hits about that share of requests, in a reproducible sequence', async () => {
	const run = async () => {
		sb.faults.set({ latencyMs: 0, errorRate: 0.3 });
		const statuses = [];
		for (let i = 0; i < 200; i++) statuses.push((await api(sb, 'GET', '/users/me')).status);
		return statuses;
	};
	const a = await run();
	const failed = a.filter((s) => s >= 500).length;
	expect(failed).toBeGreaterThan(35);
	expect(failed).toBeLessThan(85);
	expect(new Set(a.filter((s) => s >= 500))).toEqual(new Set([500, 502, 503]));
	expect(await run()).toEqual(a); // set() restarts the fault sequence
}, 120_000);

test('resetRate 1 destroys the connection without an answer', async () => {
	sb.faults.set({ resetRate: 1 });
	await expect(api(sb, 'GET', '/clients')).rejects.toThrow(/socket hang up|ECONNRESET/);
});

test('timeoutRate 1 never answers (the client gives up)', async () => {
	sb.faults.set({ timeoutRate: 1 });
	await expect(api(sb, 'GET', '/clients', { timeoutMs: 300 })).rejects.toThrow(/client timeout/);
	const entry = sb.log.entries().pop();
	expect(entry).toMatchObject({ path: '/v2/clients', status: 0, fault: 'timeout' });
});

test('malformedRate 1: 200 with a broken JSON body, while the request itself is processed', async () => {
	sb.faults.set({ malformedRate: 1 });
	const before = sb.store.account().tasks.size;
	const res = await api(sb, 'POST', '/tasks', { json: { name: 'Half answered' } });
	expect(res.status).toBe(200);
	expect(res.headers['content-type']).toMatch(/application\/json/);
	expect(() => JSON.parse(res.text)).toThrow();
	expect(sb.store.account().tasks.size).toBe(before + 1);
});

test('force429: the next N requests get 429 with Retry-After (seconds or HTTP date)', async () => {
	sb.faults.set({ latencyMs: 0, force429: 2 });
	const [a, b, c] = [await api(sb, 'GET', '/users/me'), await api(sb, 'GET', '/users/me'), await api(sb, 'GET', '/users/me')];
	expect([a.status, b.status, c.status]).toEqual([429, 429, 200]);
	expect(a.headers['retry-after']).toBe('15');
	expect(a.json).toEqual({ message: 'This request has been throttled. Try again in 15 seconds.', retry_after: 15 });
	sb.faults.set({ force429: 1, retryAfterSeconds: 7, retryAfterFormat: 'http-date' });
	const dated = await api(sb, 'GET', '/users/me');
	expect(dated.status).toBe(429);
	const delta = Date.parse(dated.headers['retry-after'] as string) - Date.parse(dated.headers.date as string);
	expect(delta).toBeGreaterThanOrEqual(6000);
	expect(delta).toBeLessThanOrEqual(8000);
});

test('onlyPaths and methods narrow the faults; admin and Harvest ID are never affected', async () => {
	sb.faults.set({ errorRate: 1, errorStatuses: [503], onlyPaths: '^/v2/time_entries', methods: ['POST'] });
	expect((await api(sb, 'GET', '/time_entries', { query: { per_page: 1 } })).status).toBe(200);
	expect((await api(sb, 'POST', '/tasks', { json: { name: 'Not faulted' } })).status).toBe(201);
	expect((await api(sb, 'POST', '/time_entries', { json: {} })).status).toBe(503);
	sb.faults.set({ onlyPaths: null, methods: null, errorRate: 1 });
	expect((await admin('GET', '/state')).status).toBe(200);
	const ids = await request(`${sb.idUrl}/api/v2/accounts`, { headers: { 'User-Agent': UA, Authorization: `Bearer ${sb.token}` } });
	expect(ids.status).toBe(200);
});

test('the admin endpoint sets, shows and clears faults, and refuses nonsense', async () => {
	const set = await admin('POST', '/faults', { errorRate: 1, errorStatuses: [502] });
	expect(set.status).toBe(200);
	expect(set.json).toMatchObject({ errorRate: 1, errorStatuses: [502], latencyMs: 40 });
	expect((await api(sb, 'GET', '/clients')).status).toBe(502);
	expect((await admin('DELETE', '/faults')).json).toMatchObject({ errorRate: 0, latencyMs: 40 });
	expect((await api(sb, 'GET', '/clients')).status).toBe(200);
	for (const bad of [{ errorRate: 2 }, { resetRate: 0.6, timeoutRate: 0.6 }, { onlyPaths: '(' }, { bogus: 1 }, { errorStatuses: [200] }]) {
		const res = await admin('POST', '/faults', bad);
		expect(res.status).toBe(400);
		expect(typeof res.json.error).toBe('string');
	}
	expect(() => sb.faults.set({ errorRate: -1 })).toThrow();
});
