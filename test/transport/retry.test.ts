/**
 * Rules: a 429 waits Retry-After (delta-seconds or HTTP date, relative to the response's Date) and retries, for
 * reads and writes alike; a Retry-After beyond the cap is an error without further attempts; attempts are
 * bounded. A GET is retried after 5xx, a connection reset, a timeout and a malformed JSON body, with
 * exponential backoff and jitter, and gives up after MAX_ATTEMPTS with a NodeApiError.
 */
import nock from 'nock';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { harvestRequest, REQUEST_TIMEOUT_MS } from '../../nodes/shared/transport';
import {
	BACKOFF_BASE_MS,
	BACKOFF_CAP_MS,
	decideRetry,
	DEFAULT_RETRY_AFTER_MS,
	MAX_ATTEMPTS,
	MAX_RETRY_AFTER_MS,
	parseRetryAfter,
} from '../../nodes/shared/transport/retry';
import {
	API,
	executeContext,
	netError,
	recordInto,
	rejectionOf,
	useTransportFixture,
	VIRTUAL_START,
	type Seen,
} from './support';

const clock = useTransportFixture();

const TIMEOUT = () => netError('ECONNABORTED', `timeout of ${REQUEST_TIMEOUT_MS}ms exceeded`);
const RESET = () => netError('ECONNRESET', 'socket hang up');

/** Backoff ceiling before jitter for the retry after failed attempt `attempt` (1-based). */
function ceiling(attempt: number): number {
	return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
}

describe('the retry constants', () => {
	it('bound attempts at 5 and Retry-After at 15 minutes', () => {
		expect(MAX_ATTEMPTS).toBe(5);
		expect(MAX_RETRY_AFTER_MS).toBe(15 * 60_000);
		expect(REQUEST_TIMEOUT_MS).toBeGreaterThan(0);
	});
});

describe('429 with Retry-After', () => {
	it.each(['GET', 'POST'] as const)('%s: Retry-After in seconds is waited (virtually) and the request retried', async (method) => {
		const log: Seen[] = [];
		nock(API)
			.intercept('/v2/time_entries', method)
			.reply(recordInto(log, clock, [429, { message: 'Too Many Requests' }, { 'Retry-After': '3' }]))
			.intercept('/v2/time_entries', method)
			.reply(recordInto(log, clock, [method === 'GET' ? 200 : 201, { id: 9 }]));

		const body = method === 'POST' ? { project_id: 1, task_id: 2, spent_date: '2025-04-01' } : undefined;
		const result = await harvestRequest.call(executeContext(), { method, path: '/time_entries', body });

		expect(result).toEqual({ id: 9 });
		expect(log).toHaveLength(2);
		expect(log[1].at - log[0].at).toBe(3000);
		expect(clock().sleeps).toEqual([3000]);
		if (method === 'POST') expect(log[1].body).toEqual(log[0].body);
	});

	it.each(['GET', 'POST'] as const)('%s: Retry-After as an HTTP date counts from the response Date header', async (method) => {
		// The local clock runs an hour ahead of Harvest's: only the server's Date gives the right wait.
		clock().time = VIRTUAL_START + 3_600_000;
		const serverNow = new Date(VIRTUAL_START);
		const retryAt = new Date(VIRTUAL_START + 7000);
		const log: Seen[] = [];
		nock(API)
			.intercept('/v2/clients', method)
			.reply(
				recordInto(log, clock, [429, '', { Date: serverNow.toUTCString(), 'Retry-After': retryAt.toUTCString() }]),
			)
			.intercept('/v2/clients', method)
			.reply(recordInto(log, clock, [200, { id: 1 }]));

		await harvestRequest.call(executeContext(), { method, path: '/clients', body: method === 'POST' ? { name: 'A' } : undefined });

		expect(log).toHaveLength(2);
		expect(clock().sleeps).toEqual([7000]);
		expect(log[1].at - log[0].at).toBe(7000);
	});

	it.each([
		['no Retry-After', {}],
		['an unreadable Retry-After', { 'Retry-After': 'soon' }],
	])('a 429 with %s waits the default pause before the retry', async (_label, headers: Record<string, string>) => {
		// retry.ts: DEFAULT_RETRY_AFTER_MS is "used when a 429 arrives without a usable Retry-After".
		const log: Seen[] = [];
		nock(API)
			.get('/v2/tasks')
			.reply(recordInto(log, clock, [429, '', headers]))
			.get('/v2/tasks')
			.reply(recordInto(log, clock, [200, { tasks: [] }]));

		await harvestRequest.call(executeContext(), { method: 'GET', path: '/tasks' });

		expect(log).toHaveLength(2);
		expect(log[1].at - log[0].at).toBe(DEFAULT_RETRY_AFTER_MS);
	});

	it('a Retry-After beyond the cap is an error at once, with no further attempt, naming the pause', async () => {
		const log: Seen[] = [];
		nock(API)
			.get('/v2/users')
			.reply(recordInto(log, clock, [429, { message: 'Too Many Requests' }, { 'Retry-After': '3600' }]))
			.get('/v2/users')
			.reply(recordInto(log, clock, [200, { users: [] }]));

		const error = await rejectionOf(harvestRequest.call(executeContext(), { method: 'GET', path: '/users' }));

		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as unknown as NodeApiError).httpCode).toBe('429');
		expect(error.message).toBe('Harvest asked to pause requests to this account for 60 more minutes');
		expect((error as unknown as NodeApiError).description).toMatch(/longer than the 15 minutes this node waits/);
		expect(log).toHaveLength(1);
		expect(clock().sleeps).toEqual([]);
	});

	it('after a Retry-After beyond the cap, later requests to the account fail at once (none sent, no waiting) until it passes', async () => {
		const log: Seen[] = [];
		nock(API)
			.get('/v2/users')
			.reply(recordInto(log, clock, [429, '', { 'Retry-After': '3600' }]))
			.get('/v2/users/me')
			.reply(recordInto(log, clock, [200, { id: 1 }]));
		const ctx = executeContext();

		await rejectionOf(harvestRequest.call(ctx, { method: 'GET', path: '/users' }));
		clock().time += 59 * 60_000;
		const later = await rejectionOf(harvestRequest.call(executeContext(), { method: 'POST', path: '/users/me', body: {} }));
		expect(later.message).toBe('Harvest asked to pause requests to this account for 1 more minute');
		expect([log.length, clock().sleeps]).toEqual([1, []]);

		clock().time += 60_000;
		expect(await harvestRequest.call(executeContext(), { method: 'GET', path: '/users/me' })).toEqual({ id: 1 });
		expect(log).toHaveLength(2);
	});

	it.each(['-5', '12 Oct', '5, 10', 'soon', '1e3', 'Sun, 31 Feb 2026 00:00:00 GMT', 'Thu, 01 Jan 2026 25:00:00 GMT'])(
		'a Retry-After that is neither seconds nor an HTTP-date (%j) gets the default wait',
		async (value) => {
			const log: Seen[] = [];
			nock(API)
				.get('/v2/tasks')
				.reply(recordInto(log, clock, [429, '', { 'Retry-After': value }]))
				.get('/v2/tasks')
				.reply(recordInto(log, clock, [200, { tasks: [] }]));

			await harvestRequest.call(executeContext(), { method: 'GET', path: '/tasks' });

			expect(log[1].at - log[0].at).toBe(DEFAULT_RETRY_AFTER_MS);
		},
	);

	it('retries are bounded: five 429s in a row end in a 429 error after five requests', async () => {
		const log: Seen[] = [];
		nock(API)
			.post('/v2/expenses')
			.times(10)
			.reply(recordInto(log, clock, [429, '', { 'Retry-After': '1' }]));

		const error = await rejectionOf(
			harvestRequest.call(executeContext(), { method: 'POST', path: '/expenses', body: { total_cost: 1 } }),
		);

		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as unknown as NodeApiError).httpCode).toBe('429');
		expect(log).toHaveLength(MAX_ATTEMPTS);
		expect(clock().sleeps).toEqual([1000, 1000, 1000, 1000]);
	});
});

describe('GET retried after transient failures', () => {
	it('500, 502 and 503 are retried with growing, jittered backoff, then the answer is returned', async () => {
		const log: Seen[] = [];
		nock(API)
			.get('/v2/projects/7')
			.reply(recordInto(log, clock, [500, { message: 'oops' }]))
			.get('/v2/projects/7')
			.reply(recordInto(log, clock, [502, '<html>Bad Gateway</html>']))
			.get('/v2/projects/7')
			.reply(recordInto(log, clock, [503, '']))
			.get('/v2/projects/7')
			.reply(recordInto(log, clock, [200, { id: 7 }]));

		const result = await harvestRequest.call(executeContext(), { method: 'GET', path: '/projects/7' });

		expect(result).toEqual({ id: 7 });
		expect(log).toHaveLength(4);
		const delays = clock().sleeps;
		expect(delays).toHaveLength(3);
		delays.forEach((delay, i) => {
			expect(delay).toBeGreaterThanOrEqual(ceiling(i + 1) / 2);
			expect(delay).toBeLessThanOrEqual(ceiling(i + 1));
		});
		expect(delays[1]).toBeGreaterThan(delays[0]);
		expect(delays[2]).toBeGreaterThan(delays[1]);
		// Arrival times follow the delays.
		expect(log[3].at - log[0].at).toBe(delays[0] + delays[1] + delays[2]);
	});

	it.each([
		['a connection reset', () => RESET()],
		['a timeout', () => TIMEOUT()],
	])('%s is retried', async (_label, failure) => {
		const log: Seen[] = [];
		nock(API)
			.get('/v2/clients/3')
			.replyWithError(failure())
			.get('/v2/clients/3')
			.reply(recordInto(log, clock, [200, { id: 3 }]));

		const result = await harvestRequest.call(executeContext(), { method: 'GET', path: '/clients/3' });

		expect(result).toEqual({ id: 3 });
		expect(log).toHaveLength(1);
		expect(clock().sleeps).toHaveLength(1);
		expect(clock().sleeps[0]).toBeGreaterThanOrEqual(ceiling(1) / 2);
		expect(clock().sleeps[0]).toBeLessThanOrEqual(ceiling(1));
	});

	it('a malformed JSON body with status 200 is retried', async () => {
		const log: Seen[] = [];
		nock(API)
			.get('/v2/users/me')
			.reply(recordInto(log, clock, [200, '{"id": 1, "first_na', { 'Content-Type': 'application/json' }]))
			.get('/v2/users/me')
			.reply(recordInto(log, clock, [200, { id: 1 }]));

		const result = await harvestRequest.call(executeContext(), { method: 'GET', path: '/users/me' });

		expect(result).toEqual({ id: 1 });
		expect(log).toHaveLength(2);
	});

	it('sets the request timeout, and a real timeout (lowered for the test) is classified and retried', async () => {
		const ctx = executeContext();
		const send = ctx.helpers.httpRequestWithAuthentication;
		const timeouts: Array<number | undefined> = [];
		ctx.helpers.httpRequestWithAuthentication = async function (this: unknown, type: string, options: IHttpRequestOptions) {
			timeouts.push(options.timeout);
			return await send.call(ctx, type, { ...options, timeout: 400 });
		} as typeof send;
		nock(API).get("/v2/roles/4").delay(4000).reply(200, { id: 4 }).get('/v2/roles/4').reply(200, { id: 4, ok: true });

		const result = await harvestRequest.call(ctx, { method: 'GET', path: '/roles/4' });

		expect(result).toEqual({ id: 4, ok: true });
		// Under load an attempt can time out before nock has matched the delayed reply, in which case that
		// reply is still waiting for the next attempt: one or two timeouts are both correct behaviour.
		expect(timeouts.length).toBeGreaterThanOrEqual(2);
		expect(timeouts.length).toBeLessThanOrEqual(3);
		expect(new Set(timeouts)).toEqual(new Set([REQUEST_TIMEOUT_MS]));
		expect(clock().sleeps).toHaveLength(timeouts.length - 1);
	});

	it('the jitter comes from the clock’s random source and stays inside the bounds', async () => {
		const run = async (random: number): Promise<number[]> => {
			clock().sleeps = [];
			clock().random = random;
			nock(API).get('/v2/tasks/1').times(MAX_ATTEMPTS).reply(503);
			await rejectionOf(harvestRequest.call(executeContext(), { method: 'GET', path: '/tasks/1' }));
			return clock().sleeps;
		};

		const low = await run(0);
		const high = await run(0.999999);

		expect(low).toEqual([1, 2, 3, 4].map((a) => ceiling(a) / 2));
		expect(high).toEqual([1, 2, 3, 4].map((a) => ceiling(a)));
		for (const delays of [low, high]) {
			for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]);
		}
	});

	it.each([
		['503', () => nock(API).get('/v2/invoices/5').times(MAX_ATTEMPTS + 2).reply(503, ''), '503', /server error/],
		[
			'reset',
			() => nock(API).get('/v2/invoices/5').times(MAX_ATTEMPTS + 2).replyWithError(RESET()),
			undefined,
			/connection to Harvest failed/,
		],
		['timeout', () => nock(API).get('/v2/invoices/5').times(MAX_ATTEMPTS + 2).replyWithError(TIMEOUT()), undefined, /did not answer in time/],
		[
			'malformed',
			() => nock(API).get('/v2/invoices/5').times(MAX_ATTEMPTS + 2).reply(200, 'not json', { 'Content-Type': 'application/json' }),
			undefined,
			/not valid JSON/,
		],
	])('gives up after MAX_ATTEMPTS on %s with a NodeApiError', async (_label, arrange, httpCode, message) => {
		const scope = arrange();
		const ctx = executeContext();

		const error = await rejectionOf(harvestRequest.call(ctx, { method: 'GET', path: '/invoices/5', itemIndex: 1 }));

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(message);
		expect((error as unknown as NodeApiError).httpCode ?? undefined).toBe(httpCode);
		expect((error as unknown as NodeApiError).context.itemIndex).toBe(1);
		expect(ctx.sent).toHaveLength(MAX_ATTEMPTS);
		expect(clock().sleeps).toHaveLength(MAX_ATTEMPTS - 1);
		expect(scope.pendingMocks()).toHaveLength(1);
	});

	it.each([400, 401, 403, 404, 422])('a GET answered %p is not retried', async (status) => {
		const log: Seen[] = [];
		nock(API)
			.get('/v2/estimates/2')
			.times(3)
			.reply(recordInto(log, clock, [status, { message: 'no' }]));

		await rejectionOf(harvestRequest.call(executeContext(), { method: 'GET', path: '/estimates/2' }));

		expect(log).toHaveLength(1);
		expect(clock().sleeps).toEqual([]);
	});
});

describe('decideRetry and parseRetryAfter', () => {
	it('parses delta-seconds (rounding up) and HTTP dates, ignores anything else', () => {
		const now = Date.UTC(2025, 0, 1);
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter('0.2', now)).toBe(200);
		expect(parseRetryAfter(['5'], now)).toBe(5000);
		expect(parseRetryAfter(new Date(now + 9000).toUTCString(), now)).toBe(9000);
		expect(parseRetryAfter(new Date(now - 9000).toUTCString(), now)).toBe(0);
		// The two older HTTP-date forms (RFC 850 and asctime) count too.
		const nov6 = Date.UTC(1994, 10, 6, 8, 49, 30);
		expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', nov6)).toBe(7000);
		expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', nov6)).toBe(7000);
		for (const junk of ['-5', '12 Oct', '5, 10', '+3', '3 s', 'Sun, 06 Nov 1994 08:49:37', 'Sun, 06 Nov 1994 08:49:60 GMT']) {
			expect([junk, parseRetryAfter(junk, nov6)]).toEqual([junk, undefined]);
		}
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter('', now)).toBeUndefined();
	});

	it('retries writes only after 429, reads after 5xx and network trouble, never past the last attempt', () => {
		for (const method of ['POST', 'PATCH', 'DELETE']) {
			expect(decideRetry(method, { kind: 'status', status: 500 }, 1, 0.5)).toEqual({ retry: false });
			expect(decideRetry(method, { kind: 'network' }, 1, 0.5)).toEqual({ retry: false });
			expect(decideRetry(method, { kind: 'timeout' }, 1, 0.5)).toEqual({ retry: false });
			expect(decideRetry(method, { kind: 'status', status: 429, retryAfterMs: 2000 }, 1, 0.5)).toEqual({
				retry: true,
				delayMs: 2000,
				throttled: true,
			});
		}
		expect(decideRetry('GET', { kind: 'status', status: 502 }, 1, 0.5)).toMatchObject({ retry: true, throttled: false });
		expect(decideRetry('GET', { kind: 'malformed' }, 2, 0.5)).toMatchObject({ retry: true });
		expect(decideRetry('GET', { kind: 'status', status: 404 }, 1, 0.5)).toEqual({ retry: false });
		expect(decideRetry('GET', { kind: 'status', status: 502 }, MAX_ATTEMPTS, 0.5)).toEqual({ retry: false });
		expect(decideRetry('GET', { kind: 'status', status: 429, retryAfterMs: MAX_RETRY_AFTER_MS + 1 }, 1, 0.5)).toEqual({
			retry: false,
		});
	});
});
