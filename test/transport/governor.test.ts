/**
 * Rules: Harvest allows 100 requests per rolling 15 s per account and 100 per rolling 15 min for /reports.
 * The governor paces our own requests under both (reports count in both windows), a 429 closes the account's
 * window until Retry-After, and each account has its own budget. All timing is virtual.
 */
import nock from 'nock';

import { harvestRequest } from '../../nodes/shared/transport';
import {
	acquireSlot,
	GENERAL_LIMIT,
	REPORTS_LIMIT,
	SlidingWindow,
	WINDOW_MARGIN_MS,
	type AccountBudget,
} from '../../nodes/shared/transport/governor';
import { API, executeContext, patCredentials, recordInto, useTransportFixture, VIRTUAL_START, type Seen } from './support';

const clock = useTransportFixture();

/** Harvest's documented numbers, written out so a wrong constant in the code cannot hide. */
const HARVEST_LIMIT = 100;
const HARVEST_WINDOW_MS = 15_000;
const HARVEST_REPORTS_WINDOW_MS = 15 * 60_000;

/** Largest number of arrival times that fall in any window of `windowMs` (inclusive at both ends). */
function busiestWindow(times: number[], windowMs: number): number {
	let best = 0;
	for (let i = 0, j = 0; j < times.length; j++) {
		while (times[j] - times[i] > windowMs) i++;
		best = Math.max(best, j - i + 1);
	}
	return best;
}

async function sequentialGets(ctx: ReturnType<typeof executeContext>, path: string, count: number): Promise<void> {
	for (let i = 0; i < count; i++) await harvestRequest.call(ctx, { method: 'GET', path });
}

describe('the limits are Harvest’s', () => {
	it('general 100 per 15 s, reports 100 per 15 min, with a small positive margin', () => {
		expect(GENERAL_LIMIT).toEqual({ limit: HARVEST_LIMIT, windowMs: HARVEST_WINDOW_MS });
		expect(REPORTS_LIMIT).toEqual({ limit: HARVEST_LIMIT, windowMs: HARVEST_REPORTS_WINDOW_MS });
		expect(WINDOW_MARGIN_MS).toBeGreaterThan(0);
		expect(WINDOW_MARGIN_MS).toBeLessThanOrEqual(2000);
	});
});

describe('general pacing through the transport', () => {
	it('250 GETs in a row: 100 at once, never more than 100 in any rolling 15 s, about two windows in all', async () => {
		const log: Seen[] = [];
		nock(API).persist().get('/v2/users/me').reply(recordInto(log, clock, [200, { id: 1 }]));

		await sequentialGets(executeContext(), '/users/me', 250);

		const times = log.map((s) => s.at);
		expect(times).toHaveLength(250);
		// The first 100 go without waiting.
		expect(times.slice(0, 100).every((t) => t === VIRTUAL_START)).toBe(true);
		expect(times[100]).toBeGreaterThan(VIRTUAL_START);
		// Rolling window, checked at every instant, including the margin the transport promises.
		expect(busiestWindow(times, HARVEST_WINDOW_MS)).toBeLessThanOrEqual(HARVEST_LIMIT);
		for (let i = HARVEST_LIMIT; i < times.length; i++) {
			expect(times[i] - times[i - HARVEST_LIMIT]).toBeGreaterThanOrEqual(HARVEST_WINDOW_MS + WINDOW_MARGIN_MS);
		}
		// Not slower than needed: 250 requests fit in three windows, i.e. about two windows of waiting.
		const total = clock().elapsed();
		expect(total).toBeGreaterThanOrEqual(2 * HARVEST_WINDOW_MS);
		expect(total).toBeLessThanOrEqual(2 * (HARVEST_WINDOW_MS + WINDOW_MARGIN_MS) + 1000);
		// Waiting happened through the clock, not in real time.
		expect(clock().sleeps.length).toBeGreaterThan(0);
		expect(clock().sleeps.reduce((a, b) => a + b, 0)).toBe(total);
	});
});

describe('reports pacing through the transport', () => {
	it('reports: at most 100 per rolling 15 min, and they fill the general window too', async () => {
		const log: Seen[] = [];
		nock(API)
			.persist()
			.get('/v2/reports/time/clients')
			.query(true)
			.reply(recordInto(log, clock, [200, { results: [] }]))
			.get('/v2/users/me')
			.reply(recordInto(log, clock, [200, { id: 1 }]));
		const ctx = executeContext();

		await sequentialGets(ctx, '/reports/time/clients?from=20250101&to=20250131', 100);
		await harvestRequest.call(ctx, { method: 'GET', path: '/users/me' });
		await harvestRequest.call(ctx, { method: 'GET', path: '/reports/time/clients?from=20250101&to=20250131' });

		const times = log.map((s) => s.at);
		expect(times.slice(0, 100).every((t) => t === VIRTUAL_START)).toBe(true);
		// The plain request after 100 reports waits for the general window (reports count there too), and
		// only for that window, not for the reports window.
		expect(log[100].path).toBe('/v2/users/me');
		expect(times[100] - VIRTUAL_START).toBeGreaterThanOrEqual(HARVEST_WINDOW_MS);
		expect(times[100] - VIRTUAL_START).toBeLessThanOrEqual(HARVEST_WINDOW_MS + WINDOW_MARGIN_MS);
		// The 101st report waits for the reports window.
		expect(times[101] - VIRTUAL_START).toBeGreaterThanOrEqual(HARVEST_REPORTS_WINDOW_MS);
		const reportTimes = log.filter((x) => x.path.startsWith('/v2/reports/')).map((x) => x.at);
		expect(reportTimes).toHaveLength(101);
		expect(busiestWindow(reportTimes, HARVEST_REPORTS_WINDOW_MS)).toBeLessThanOrEqual(HARVEST_LIMIT);
	});
});

describe('budgets per account', () => {
	it('another account has its own budget; another context on the same account shares it', async () => {
		const log: Seen[] = [];
		nock(API).persist().get('/v2/users/me').reply(recordInto(log, clock, [200, { id: 1 }]));

		await sequentialGets(executeContext({ accountId: '1001' }), '/users/me', 100);
		await harvestRequest.call(executeContext({ accountId: '2002' }), { method: 'GET', path: '/users/me' });
		expect(clock().sleeps).toEqual([]);
		expect(log.every((s) => s.at === VIRTUAL_START)).toBe(true);
		expect(log[100].headers['harvest-account-id']).toBe('2002');

		await harvestRequest.call(executeContext({}, patCredentials({ accountId: '1001' })), { method: 'GET', path: '/users/me' });
		expect(log[101].headers['harvest-account-id']).toBe('1001');
		expect(log[101].at - VIRTUAL_START).toBeGreaterThanOrEqual(HARVEST_WINDOW_MS);
	});
});

describe('a 429 closes the account window until Retry-After', () => {
	it('holds back other requests of that account, not those of another account', async () => {
		const log: Seen[] = [];
		nock(API)
			.get('/v2/projects')
			.reply(recordInto(log, clock, [429, { message: 'Too many requests' }, { 'Retry-After': '30' }]))
			.get('/v2/projects')
			.reply(recordInto(log, clock, [200, { projects: [] }]))
			.get('/v2/users/me')
			.times(2)
			.reply(recordInto(log, clock, [200, { id: 1 }]));
		const throttled = executeContext({ accountId: '1001' });
		const sameAccount = executeContext({ accountId: '1001' });
		const otherAccount = executeContext({ accountId: '2002' });
		let during: { other: number; same: number; sleepsBefore: number[] } | undefined;
		let hooked = false;

		clock().onSleep = async () => {
			if (hooked) return;
			hooked = true;
			const startedAt = clock().time;
			const sleepsBefore = [...clock().sleeps];
			// While the transport waits out the 429, another account goes straight through...
			await harvestRequest.call(otherAccount, { method: 'GET', path: '/users/me' });
			const other = clock().time - startedAt;
			// ...and the same account waits for the window.
			await harvestRequest.call(sameAccount, { method: 'GET', path: '/users/me' });
			during = { other, same: clock().time - startedAt, sleepsBefore };
		};

		await harvestRequest.call(throttled, { method: 'GET', path: '/projects' });

		expect(during).toBeDefined();
		expect(during?.sleepsBefore).toEqual([30_000]);
		expect(during?.other).toBe(0);
		expect(during?.same).toBe(30_000);
		const other = log.find((s) => s.headers['harvest-account-id'] === '2002');
		const same = log.filter((s) => s.path === '/v2/users/me' && s.headers['harvest-account-id'] === '1001');
		expect(other?.at).toBe(VIRTUAL_START);
		expect(same).toHaveLength(1);
		expect(same[0].at).toBe(VIRTUAL_START + 30_000);
	});

	it('a throttled report request is retried only after Retry-After', async () => {
		const log: Seen[] = [];
		nock(API)
			.get('/v2/reports/uninvoiced')
			.query(true)
			.reply(recordInto(log, clock, [429, '', { 'Retry-After': '120' }]))
			.get('/v2/reports/uninvoiced')
			.query(true)
			.reply(recordInto(log, clock, [200, { results: [] }]));

		await harvestRequest.call(executeContext(), { method: 'GET', path: '/reports/uninvoiced?from=20250101&to=20250131' });

		expect(log).toHaveLength(2);
		expect(log[1].at - log[0].at).toBe(120_000);
	});
});

describe('SlidingWindow', () => {
	const t0 = 1_000_000;

	it('lets `limit` requests through at once and then asks to wait until the oldest leaves (plus margin)', () => {
		const window = new SlidingWindow({ limit: 3, windowMs: 1000 });
		for (let i = 0; i < 3; i++) {
			expect(window.delayFor(t0)).toBe(0);
			window.record(t0);
		}
		expect(window.inWindow).toBe(3);
		expect(window.delayFor(t0)).toBe(1000 + WINDOW_MARGIN_MS);
		expect(window.delayFor(t0 + 400)).toBe(600 + WINDOW_MARGIN_MS);
		expect(window.delayFor(t0 + 1000 + WINDOW_MARGIN_MS)).toBe(0);
		expect(window.inWindow).toBe(0);
	});

	it('rolls: slots come back one by one as their requests age out', () => {
		const window = new SlidingWindow({ limit: 2, windowMs: 1000 });
		window.record(t0);
		window.record(t0 + 300);
		expect(window.delayFor(t0 + 300)).toBe(1000 + WINDOW_MARGIN_MS - 300);
		const firstFree = t0 + 1000 + WINDOW_MARGIN_MS;
		expect(window.delayFor(firstFree)).toBe(0);
		window.record(firstFree);
		expect(window.delayFor(firstFree)).toBe(300);
	});

	it('block() holds every request until the given time and never shortens an earlier block', () => {
		const window = new SlidingWindow({ limit: 100, windowMs: 1000 });
		window.block(t0 + 5000);
		expect(window.delayFor(t0)).toBe(5000);
		window.block(t0 + 2000);
		expect(window.delayFor(t0)).toBe(5000);
		expect(window.delayFor(t0 + 5000)).toBe(0);
	});
});

describe('acquireSlot', () => {
	function budget(): AccountBudget {
		return {
			general: new SlidingWindow({ limit: 2, windowMs: 1000 }),
			reports: new SlidingWindow({ limit: 1, windowMs: 60_000 }),
			closedUntil: 0,
		};
	}

	function fakeClock(start: number) {
		const c = {
			time: start,
			sleeps: [] as number[],
			now: () => c.time,
			sleep: async (ms: number) => {
				c.sleeps.push(ms);
				c.time += ms;
			},
		};
		return c;
	}

	it('returns at once while there is room and records the request', async () => {
		const b = budget();
		const c = fakeClock(0);
		expect(await acquireSlot(b, false, c)).toBe(0);
		expect(b.general.inWindow).toBe(1);
		expect(b.reports.inWindow).toBe(0);
		expect(c.sleeps).toEqual([]);
	});

	it('sleeps through the clock until the window has room, and reports how long', async () => {
		const b = budget();
		const c = fakeClock(0);
		await acquireSlot(b, false, c);
		await acquireSlot(b, false, c);
		const waited = await acquireSlot(b, false, c);
		expect(waited).toBe(1000 + WINDOW_MARGIN_MS);
		expect(c.sleeps).toEqual([1000 + WINDOW_MARGIN_MS]);
		expect(c.time).toBe(1000 + WINDOW_MARGIN_MS);
	});

	it('a report takes a slot in both windows and waits for the stricter one', async () => {
		const b = budget();
		const c = fakeClock(0);
		await acquireSlot(b, true, c);
		expect(b.general.inWindow).toBe(1);
		expect(b.reports.inWindow).toBe(1);
		const waited = await acquireSlot(b, true, c);
		expect(waited).toBe(60_000 + WINDOW_MARGIN_MS);
		// A plain request meanwhile only needs the general window.
		const plain = await acquireSlot(b, false, c);
		expect(plain).toBe(0);
	});

	it('waits out a block', async () => {
		const b = budget();
		const c = fakeClock(10_000);
		b.general.block(17_000);
		expect(await acquireSlot(b, false, c)).toBe(7000);
		expect(c.time).toBe(17_000);
	});
});
