/**
 * Parallel page reads through real HTTP (nock), next to parallelPages.test.ts's virtual-time cases: after the
 * first page of a page-numbered list gives `total_pages`, the remaining pages are read a few at a time, each
 * through the rate governor, and handed out in Harvest's order. The request count does not change (ceil(N /
 * 2000), and exactly ceil(limit / 2000) with a limit); cursor lists stay one page at a time; a failure or a
 * cancelled execution ends the read with nothing handed on from it. And the bounds: a next link that repeats a
 * page, or more pages than the totals promise plus the margin, end the read with an error naming the endpoint.
 */
import nock from 'nock';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { harvestList, harvestPages, pageReading } from '../../nodes/shared/transport';
import { GENERAL_LIMIT } from '../../nodes/shared/transport/governor';
import { PAGE_MARGIN_MIN } from '../../nodes/shared/transport/pages';
import { API, createLoadOptionsContext, executeContext, patCredentials, records, rejectionOf, useTransportFixture } from './support';

const clock = useTransportFixture();

interface Gauge {
	paths: string[];
	inFlight: number;
	most: number;
}

/** Waits a real moment, so that requests sent together are in flight together. */
const moment = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A page-numbered list of `total` records on `path` that answers after a moment and measures how many requests
 * were in flight at once. `fail` answers that page number with a 503.
 */
function slowList(path: string, key: string, total: number, options: { fail?: number; cursor?: boolean } = {}): Gauge {
	const gauge: Gauge = { paths: [], inFlight: 0, most: 0 };
	nock(API)
		.persist()
		.get(`/v2${path}`)
		.query(true)
		.reply(async function (uri) {
			gauge.paths.push(uri);
			gauge.inFlight++;
			gauge.most = Math.max(gauge.most, gauge.inFlight);
			for (let i = 0; i < 5; i++) await moment();
			gauge.inFlight--;
			const q = new URL(uri, API).searchParams;
			const perPage = Number(q.get('per_page') ?? 2000);
			const page = options.cursor ? Number(q.get('cursor') ?? 1) : Number(q.get('page') ?? 1);
			if (options.fail === page) return [503, { message: 'unavailable' }];
			const first = (page - 1) * perPage;
			const totalPages = Math.max(1, Math.ceil(total / perPage));
			const next = page < totalPages ? `${API}/v2${path}?${options.cursor ? 'cursor' : 'page'}=${page + 1}&per_page=${perPage}` : null;
			return [200, { [key]: records(Math.max(0, Math.min(perPage, total - first)), first + 1), total_pages: totalPages, total_entries: total, per_page: perPage, links: { next } }];
		});
	return gauge;
}

describe('parallel page reads of page-numbered lists', () => {
	it('read pages 2..N a few at a time, hand out records in Harvest\'s order, and send ceil(N / 2000) requests', async () => {
		const gauge = slowList('/time_entries', 'time_entries', 19_999);
		const all = await harvestList.call(executeContext(), { path: '/time_entries', listKey: 'time_entries' });
		expect(all.map((r) => r.id)).toEqual(records(19_999).map((r) => r.id));
		expect(gauge.paths).toHaveLength(10);
		expect(gauge.most).toBe(pageReading.concurrency);
		// Page 1 first and alone; then every other page exactly once.
		expect(new URL(gauge.paths[0], API).searchParams.has('page')).toBe(false);
		expect(gauge.paths.slice(1).map((p) => Number(new URL(p, API).searchParams.get('page'))).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});

	it.each([
		[2000, 1],
		[2001, 2],
		[5000, 3],
		[9000, 5],
	])('with Limit %p, still exactly %p request(s)', async (limit, requests) => {
		const gauge = slowList('/time_entries', 'time_entries', 50_000);
		const all = await harvestList.call(executeContext(), { path: '/time_entries', listKey: 'time_entries', limit });
		expect(gauge.paths).toHaveLength(requests);
		expect(all.map((r) => r.id)).toEqual(records(limit).map((r) => r.id));
	});

	it('keep cursor lists one page at a time', async () => {
		const gauge = slowList('/clients', 'clients', 9_000, { cursor: true });
		const all = await harvestList.call(executeContext(), { path: '/clients', listKey: 'clients' });
		expect(all).toHaveLength(9_000);
		expect(gauge.most).toBe(1);
	});

	it('wait for the governor: pages beyond the account\'s budget are sent only once its window allows (virtual clock)', async () => {
		const gauge = slowList('/time_entries', 'time_entries', (GENERAL_LIMIT.limit + 20) * 2000);
		const all = await harvestList.call(executeContext(), { path: '/time_entries', listKey: 'time_entries' });
		expect(all).toHaveLength((GENERAL_LIMIT.limit + 20) * 2000);
		expect(gauge.paths).toHaveLength(GENERAL_LIMIT.limit + 20);
		// The first 100 go at once; the 101st waits until the first leaves Harvest's 15 s window.
		expect(clock().elapsed()).toBeGreaterThanOrEqual(GENERAL_LIMIT.windowMs);
		expect(gauge.most).toBeLessThanOrEqual(pageReading.concurrency);
	});

	it('fail the whole read when one page fails, and hand on nothing after it', async () => {
		slowList('/time_entries', 'time_entries', 20_000, { fail: 4 });
		const handed: number[] = [];
		const error = await rejectionOf(
			(async () => {
				for await (const page of harvestPages.call(executeContext(), { path: '/time_entries', listKey: 'time_entries' })) {
					handed.push(page.records.length);
				}
			})(),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		// Pages 1-3 were handed on in order; nothing from page 4 or after.
		expect(handed).toEqual([2000, 2000, 2000]);
		const viaList = await rejectionOf(harvestList.call(executeContext(), { path: '/time_entries', listKey: 'time_entries' }));
		expect(viaList).toBeInstanceOf(NodeApiError);
	});

	it('stop when the execution is cancelled while pages wait for the governor', async () => {
		slowList('/time_entries', 'time_entries', (GENERAL_LIMIT.limit + 10) * 2000);
		const controller = new AbortController();
		const ctx = executeContext();
		(ctx as unknown as { getExecutionCancelSignal: () => AbortSignal }).getExecutionCancelSignal = () => controller.signal;
		clock().onSleep = () => controller.abort();
		const error = await rejectionOf(harvestList.call(ctx, { path: '/time_entries', listKey: 'time_entries' }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/cancelled/);
	});
});

describe('page bounds', () => {
	it('a next link that repeats a page already read ends the read with an error naming the endpoint', async () => {
		nock(API)
			.persist()
			.get('/v2/users')
			.query(true)
			.reply(200, { users: records(1), total_pages: 50, links: { next: `${API}/v2/users?cursor=same` } });
		const error = await rejectionOf(harvestList.call(executeContext(), { path: '/users', listKey: 'users' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Harvest sent a next-page link for /users that this read had already followed');
	});

	it('a list that keeps linking new pages beyond its totals ends the read after the margin', async () => {
		let served = 0;
		nock(API)
			.persist()
			.get('/v2/users')
			.query(true)
			.reply(() => {
				served++;
				return [200, { users: records(1, served), total_pages: 3, total_entries: 3, links: { next: `${API}/v2/users?cursor=c${served}` } }];
			});
		const error = await rejectionOf(harvestList.call(executeContext(), { path: '/users', listKey: 'users' }));
		expect(error.message).toBe('Harvest kept sending pages for /users past the 5 this read allows');
		expect(served).toBe(3 + PAGE_MARGIN_MIN);
	});
});

describe('one read in flight for identical editor requests', () => {
	it('list searches that ask for the same page at once share one request, each getting its own copy', async () => {
		const gauge = slowList('/clients', 'clients', 30, { cursor: true });
		const ctx = createLoadOptionsContext({ parameters: {}, credentials: patCredentials() });
		const [a, b] = await Promise.all([
			harvestList.call(ctx, { path: '/clients', listKey: 'clients', qs: { is_active: true } }),
			harvestList.call(ctx, { path: '/clients', listKey: 'clients', qs: { is_active: true } }),
		]);
		expect(gauge.paths).toHaveLength(1);
		expect(a).toEqual(b);
		a[0].name = 'changed by one caller';
		expect(b[0].name).toBeUndefined();
		// Different queries are different reads; and a workflow run never shares (each item's read is its own).
		await Promise.all([
			harvestList.call(ctx, { path: '/clients', listKey: 'clients', qs: { is_active: false } }),
			harvestList.call(executeContext(), { path: '/clients', listKey: 'clients', qs: { is_active: true } }),
			harvestList.call(executeContext(), { path: '/clients', listKey: 'clients', qs: { is_active: true } }),
		]);
		expect(gauge.paths).toHaveLength(4);
	});
});
