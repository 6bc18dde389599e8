import { startSandbox, type Sandbox } from '../index';
import { RateLimiter } from '../ratelimit';
import { api } from './helpers';

// timeScale 0.2: the 15 s window lasts 3 s and the 15 min reports window 180 s (room for slow CI).
const SCALE = 0.2;
let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ seed: 111, records: 50, timeScale: SCALE });
});
afterAll(() => sb.close());
beforeEach(() => sb.resetRateLimits());

const burst = (n: number, path = '/users/me', accountId?: string) => Promise.all(Array.from({ length: n }, () => api(sb, 'GET', path, { accountId })));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('100 requests per (scaled) 15 s; the next one gets 429 with Retry-After and is not processed', async () => {
	const ok = await burst(100);
	expect(ok.every((r) => r.status === 200)).toBe(true);
	const before = sb.store.account().clients.size;
	const throttled = await api(sb, 'POST', '/clients', { json: { name: 'Throttled Co' } });
	expect(throttled.status).toBe(429);
	const seconds = Number(throttled.headers['retry-after']);
	expect(seconds).toBeGreaterThanOrEqual(1);
	expect(seconds).toBeLessThanOrEqual(3); // ceil(≤ 3 s)
	expect(throttled.json).toEqual({ message: `This request has been throttled. Try again in ${seconds} seconds.`, retry_after: seconds });
	const ms = Number(throttled.headers['x-sandbox-retry-after-ms']);
	expect(ms).toBeGreaterThan(0);
	expect(ms).toBeLessThanOrEqual(15_000 * SCALE);
	expect(sb.store.account().clients.size).toBe(before);
	await sleep(ms + 20);
	expect((await api(sb, 'GET', '/users/me')).status).toBe(200);
});

test('the window rolls: capacity comes back as old requests age out (limiter, synthetic time)', () => {
	const limiter = new RateLimiter(true, SCALE);
	const window = 15_000 * SCALE;
	for (let i = 0; i < 60; i++) expect(limiter.take(1, 'general', 0).ok).toBe(true);
	for (let i = 0; i < 40; i++) expect(limiter.take(1, 'general', 500).ok).toBe(true);
	expect(limiter.take(1, 'general', 600)).toEqual({ ok: false, retryAfterMs: window - 600 });
	// At the window's end the first 60 leave; the 40 later ones still count.
	for (let i = 0; i < 60; i++) expect(limiter.take(1, 'general', window).ok).toBe(true);
	expect(limiter.take(1, 'general', window + 1)).toEqual({ ok: false, retryAfterMs: 499 });
	// Refused requests do not count: once the 40 leave, 40 places are free again.
	for (let i = 0; i < 40; i++) expect(limiter.take(1, 'general', window + 500).ok).toBe(true);
	expect(limiter.take(1, 'general', window + 500).ok).toBe(false);
	// Other accounts and the reports bucket are separate windows.
	expect(limiter.take(2, 'general', window + 500).ok).toBe(true);
	expect(limiter.take(1, 'reports', window + 500).ok).toBe(true);
});

test('limits are per account', async () => {
	await burst(100);
	expect((await api(sb, 'GET', '/users/me')).status).toBe(429);
	const second = String(sb.accounts.filter((a) => a.product === 'harvest')[1].id);
	expect((await api(sb, 'GET', '/users/me', { accountId: second })).status).toBe(200);
});

test('reports have their own bucket: 100 per (scaled) 15 min, and do not use the general one', async () => {
	const q = '/reports/project_budget';
	const reports = await burst(100, q);
	expect(reports.every((r) => r.status === 200)).toBe(true);
	const throttled = await api(sb, 'GET', q);
	expect(throttled.status).toBe(429);
	expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(2);
	expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(Math.ceil(900 * SCALE));
	expect((await api(sb, 'GET', '/users/me')).status).toBe(200);
});

test('admin and Harvest ID endpoints are not rate-limited', async () => {
	await burst(100);
	const admin = await Promise.all(Array.from({ length: 30 }, () => fetch(`${sb.idUrl}/__sandbox/state`)));
	expect(admin.every((r) => r.status === 200)).toBe(true);
	const accounts = await Promise.all(
		Array.from({ length: 30 }, () => fetch(`${sb.idUrl}/api/v2/accounts`, { headers: { Authorization: `Bearer ${sb.token}`, 'User-Agent': 'x (x@example.com)' } })),
	);
	expect(accounts.every((r) => r.status === 200)).toBe(true);
});

test('rateLimits: false turns them off', async () => {
	const free = await startSandbox({ seed: 1, records: 10, rateLimits: false });
	try {
		const res = await Promise.all(Array.from({ length: 150 }, () => api(free, 'GET', '/users/me')));
		expect(res.every((r) => r.status === 200)).toBe(true);
	} finally {
		await free.close();
	}
});

test('Retry-After shrinks with timeScale: about 15 s at scale 1, ceil(15 × scale) below', async () => {
	const real = await startSandbox({ seed: 2, records: 10, timeScale: 1 });
	try {
		await Promise.all(Array.from({ length: 100 }, () => api(real, 'GET', '/users/me')));
		const res = await api(real, 'GET', '/users/me');
		expect(res.status).toBe(429);
		expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(13);
		expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(15);
	} finally {
		await real.close();
	}
});
