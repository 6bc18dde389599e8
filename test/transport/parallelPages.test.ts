/**
 * Rules: on page-numbered lists the pages after the first are read a few at a time once the first page has
 * announced `total_pages`; records come out in Harvest's order; Return All costs one request per page and a
 * limit ceil(limit / 2000); every request waits for the governor (reports for the reports budget); cursor
 * lists are read one link at a time; an error or a cancelled execution stops the read with no request left
 * running and no page after the failure handed on. All timing is virtual (virtualTime.ts).
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { harvestList, harvestPages, pageReading } from '../../nodes/shared/transport';
import {
	inOrder,
	pageBounds,
	pageNumberIn,
	pagesToReadAtOnce,
	PAGE_MARGIN_MIN,
	UNANNOUNCED_PAGE_CAP,
	withPageNumber,
} from '../../nodes/shared/transport/pages';
import { API, rejectionOf, restoreClock } from './support';
import { fakePageNumberedList, VirtualTime, type FakeListOptions } from './virtualTime';

let time: VirtualTime;
const SHIPPED_CONCURRENCY = pageReading.concurrency;
beforeEach(() => {
	time = new VirtualTime().install();
	// The cases below count on 4 at a time; the shipped value is checked on its own.
	pageReading.concurrency = 4;
});
afterEach(() => {
	restoreClock();
	pageReading.concurrency = SHIPPED_CONCURRENCY;
});

it('ships with a small concurrency', () => {
	expect(SHIPPED_CONCURRENCY).toBeGreaterThanOrEqual(2);
	expect(SHIPPED_CONCURRENCY).toBeLessThanOrEqual(6);
});

/** Largest number of times that fall in any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	for (let i = 0, j = 0; j < sorted.length; j++) {
		while (sorted[j] - sorted[i] >= windowMs) i++;
		best = Math.max(best, j - i + 1);
	}
	return best;
}

const ids = (records: IDataObject[]) => records.map((r) => Number(r.id));
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('planning (pure)', () => {
	const next = `${API}/v2/time_entries?page=2&per_page=2000&from=2025-01-01&ref=next`;

	it('reads the page number of a page-numbered next link, and none from a cursor link', () => {
		expect(pageNumberIn(next)).toBe(2);
		expect(pageNumberIn(`${API}/v2/clients?cursor=eyJ9&per_page=2000&ref=next_cursor`)).toBeUndefined();
		expect(pageNumberIn(`${API}/v2/clients?cursor=eyJ9&page=2`)).toBeUndefined();
		expect(pageNumberIn(`${API}/v2/time_entries?per_page=2000`)).toBeUndefined();
		expect(pageNumberIn(`${API}/v2/time_entries?page=0`)).toBeUndefined();
		expect(pageNumberIn(`${API}/v2/time_entries?page=2&page=3`)).toBeUndefined();
		expect(pageNumberIn(`${API}/v2/time_entries?page=x`)).toBeUndefined();
		expect(pageNumberIn('not a url')).toBeUndefined();
	});

	it('changes only the page number of a link, leaving every other byte as sent', () => {
		const odd = `${API}/v2/time_entries?page=2&per_page=2000&updated_since=2025-01-01T00%3A00%3A00Z&ref=next`;
		expect(withPageNumber(odd, 17)).toBe(`${API}/v2/time_entries?page=17&per_page=2000&updated_since=2025-01-01T00%3A00%3A00Z&ref=next`);
		expect(withPageNumber(`${API}/v2/x?per_page=5&page=2`, 3)).toBe(`${API}/v2/x?per_page=5&page=3`);
		expect(withPageNumber(`${API}/v2/x?subpage=2&page=2`, 3)).toBe(`${API}/v2/x?subpage=2&page=3`);
	});

	it.each([
		['Return All', { total_pages: 10, per_page: 2000 }, Infinity, 100, [2, 3, 4, 5, 6, 7, 8, 9, 10]],
		['a limit of 4001 (3 pages in all)', { total_pages: 10, per_page: 2000 }, 2001, 100, [2, 3]],
		['a limit of 2500 (2 pages in all)', { total_pages: 10, per_page: 2000 }, 500, 100, [2]],
		['a limit that the list does not reach', { total_pages: 3, per_page: 2000 }, 100_000, 100, [2, 3]],
		['a cap smaller than the list', { total_pages: 10, per_page: 2000 }, Infinity, 4, [2, 3, 4, 5]],
		['no total_pages', { per_page: 2000 }, Infinity, 100, []],
		['total_pages below the next page', { total_pages: 1, per_page: 2000 }, Infinity, 100, []],
		['a limit without a known page size', { total_pages: 10 }, 10, 100, [2]],
	])('%s', (_label, envelope, remaining, allowed, pages) => {
		expect(pagesToReadAtOnce({ next, envelope, remaining, allowed })).toEqual(pages);
	});

	it('a limit with no page size in the envelope or the link reads one page at a time', () => {
		expect(pagesToReadAtOnce({ next: `${API}/v2/time_entries?page=2`, envelope: { total_pages: 10 }, remaining: 5000, allowed: 100 })).toEqual([]);
	});

	it('a cursor link is never planned, whatever the envelope says', () => {
		const cursor = `${API}/v2/clients?cursor=eyJ9&per_page=2000&ref=next_cursor`;
		expect(pagesToReadAtOnce({ next: cursor, envelope: { total_pages: 10, per_page: 2000 }, remaining: Infinity, allowed: 100 })).toEqual([]);
	});

	it('bounds: what total_pages/total_entries announce, plus a margin of at least two pages or 10 %', () => {
		expect(pageBounds({ total_pages: 3, total_entries: 4005, per_page: 2000 }, 2000)).toEqual({ announced: 3, cap: 3 + PAGE_MARGIN_MIN });
		expect(pageBounds({ total_pages: 50, total_entries: 100_000, per_page: 2000 }, 2000)).toEqual({ announced: 50, cap: 55 });
		// The larger promise counts, so an honest but odd envelope never stops a read early.
		expect(pageBounds({ total_pages: 1, total_entries: 10_000 }, 2000)).toEqual({ announced: 5, cap: 7 });
		expect(pageBounds({ total_entries: 0 }, 2000)).toEqual({ announced: 1, cap: 3 });
		expect(pageBounds({}, 2000)).toEqual({ cap: UNANNOUNCED_PAGE_CAP });
		expect(pageBounds({ total_pages: 'many' }, 2000)).toEqual({ cap: UNANNOUNCED_PAGE_CAP });
	});
});

describe('inOrder', () => {
	it('hands results on in index order although they finish out of order, with at most `concurrency` started ahead', async () => {
		const starts: Array<[number, number]> = [];
		let running = 0;
		let most = 0;
		const read = async (i: number) => {
			starts.push([i, time.now]);
			most = Math.max(most, ++running);
			// Later indexes finish first.
			await time.sleep(1000 - i * 50);
			running--;
			return i;
		};
		const out: number[] = [];
		await time.run(
			(async () => {
				for await (const value of inOrder(10, read, { concurrency: 3 })) out.push(value);
			})(),
		);
		expect(out).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(most).toBe(3);
		expect(starts.map(([i]) => i)).toEqual(out);
	});

	it('after a failure starts nothing new, hands nothing more on, waits for what runs, then throws the earliest failure', async () => {
		const started: number[] = [];
		const finished: number[] = [];
		const read = async (i: number) => {
			started.push(i);
			await time.sleep(i === 3 ? 100 : i === 2 ? 300 : 500);
			finished.push(i);
			if (i === 2 || i === 3) throw new Error(`page ${i} failed`);
			return i;
		};
		const out: number[] = [];
		const error = await rejectionOf(
			time.run(
				(async () => {
					for await (const value of inOrder(10, read, { concurrency: 4 })) out.push(value);
				})(),
			),
		);
		// Index 3 failed first, 2 later: the earliest index is what the caller sees.
		expect(error.message).toBe('page 2 failed');
		expect(started).toEqual([0, 1, 2, 3]);
		expect(finished.sort()).toEqual([0, 1, 2, 3]);
		// 0 and 1 finished after the failure at 100 ms: they are not handed on.
		expect(out).toEqual([]);
	});

	it('stops before the next start when told to (a cancelled execution), once the running reads are back', async () => {
		let cancel: Error | undefined;
		const started: number[] = [];
		const read = async (i: number) => {
			started.push(i);
			if (i === 5) cancel = new Error('cancelled');
			await time.sleep(100);
			return i;
		};
		const out: number[] = [];
		const error = await rejectionOf(
			time.run(
				(async () => {
					for await (const value of inOrder(20, read, { concurrency: 2, stopped: () => cancel })) out.push(value);
				})(),
			),
		);
		expect(error.message).toBe('cancelled');
		expect(started).toEqual([0, 1, 2, 3, 4, 5]);
		expect(out).toEqual([0, 1, 2, 3]);
	});

	it('a consumer that stops early waits for the reads already started, and no more start', async () => {
		const started: number[] = [];
		const finished: number[] = [];
		const read = async (i: number) => {
			started.push(i);
			await time.sleep(100);
			finished.push(i);
			return i;
		};
		await time.run(
			(async () => {
				for await (const value of inOrder(10, read, { concurrency: 3 })) if (value === 1) break;
			})(),
		);
		expect(started).toEqual([0, 1, 2, 3]);
		expect(finished).toEqual(started);
	});
});

describe('harvestPages on a page-numbered list', () => {
	const PAGE_MS = 1000;
	const steady: FakeListOptions['latency'] = () => PAGE_MS;

	it('Return All of 20,000 records: 10 requests, records in order, pages 2-10 four at a time', async () => {
		const list = fakePageNumberedList(time, { total: 20_000, latency: steady });

		const all = await time.run(harvestList.call(list.ctx, { path: '/time_entries', listKey: 'time_entries' }));

		expect(ids(all)).toEqual(oneTo(20_000));
		expect(list.requests.map((r) => r.page)).toEqual(oneTo(10));
		expect(list.maxInFlight()).toBe(4);
		// Page 1 alone (it announces total_pages), then 2-5, 6-9 and 10: four page times instead of ten.
		expect(time.elapsed).toBe(4 * PAGE_MS);
		expect(list.requests.slice(1).every((r) => r.startedAt >= PAGE_MS)).toBe(true);
	});

	it('with concurrency 1 the same read is sequential: ten page times, the same requests and records', async () => {
		pageReading.concurrency = 1;
		const list = fakePageNumberedList(time, { total: 20_000, latency: steady });

		const all = await time.run(harvestList.call(list.ctx, { path: '/time_entries', listKey: 'time_entries' }));

		expect(ids(all)).toEqual(oneTo(20_000));
		expect(list.requests).toHaveLength(10);
		expect(list.maxInFlight()).toBe(1);
		expect(time.elapsed).toBe(10 * PAGE_MS);
	});

	it('keeps Harvest order when later pages answer first (server time per record on the page)', async () => {
		const list = fakePageNumberedList(time, { total: 9_500, latency: (page, n) => 100 + n * (page % 2 ? 1 : 0.2) });

		const pages: number[][] = [];
		await time.run(
			(async () => {
				for await (const page of harvestPages.call(list.ctx, { path: '/time_entries', listKey: 'time_entries' })) pages.push(ids(page.records));
			})(),
		);

		expect(pages.map((p) => p.length)).toEqual([2000, 2000, 2000, 2000, 1500]);
		expect(pages.flat()).toEqual(oneTo(9_500));
		const ended = list.requests.map((r) => r.endedAt!);
		// Page 3 (odd, slow) ended after page 4 (even, fast), and still came out first.
		expect(ended[2]).toBeGreaterThan(ended[3]);
	});

	it.each([
		[1, 1],
		[2000, 1],
		[2001, 2],
		[4000, 2],
		[4001, 3],
		[19_999, 10],
		[20_000, 10],
		[25_000, 10],
	])('limit %p costs exactly ceil(min(limit, 20,000) / 2000) = %p request(s)', async (limit, requests) => {
		const list = fakePageNumberedList(time, { total: 20_000, latency: steady });

		const all = await time.run(harvestList.call(list.ctx, { path: '/time_entries', listKey: 'time_entries', limit }));

		expect(list.requests).toHaveLength(requests);
		expect(ids(all)).toEqual(oneTo(Math.min(limit, 20_000)));
	});

	it('every page waits for the governor: 250 pages never exceed 100 requests in a rolling 15 s', async () => {
		const list = fakePageNumberedList(time, { total: 2500, pageSize: 10, latency: () => 50 });

		const all = await time.run(harvestList.call(list.ctx, { path: '/time_entries', listKey: 'time_entries' }));

		expect(all).toHaveLength(2500);
		expect(list.requests).toHaveLength(250);
		const sent = list.requests.map((r) => r.startedAt);
		expect(busiestWindow(sent, 15_000)).toBe(100);
		// Three windows' worth of requests: at least two full windows of waiting.
		expect(time.elapsed).toBeGreaterThanOrEqual(2 * 15_000);
	});

	it('report pages wait for the reports budget: 120 pages, never more than 100 in 15 minutes', async () => {
		const list = fakePageNumberedList(time, { total: 1200, pageSize: 10, path: '/reports/time/clients', key: 'results', latency: () => 200 });

		const all = await time.run(
			harvestList.call(list.ctx, { path: '/reports/time/clients', listKey: 'results', qs: { from: '2025-01-01', to: '2025-03-31' } }),
		);

		expect(ids(all)).toEqual(oneTo(1200));
		expect(list.requests).toHaveLength(120);
		expect(busiestWindow(list.requests.map((r) => r.startedAt), 15 * 60_000)).toBe(100);
		expect(time.elapsed).toBeGreaterThanOrEqual(15 * 60_000);
		expect(list.requests.every((r) => r.url.includes('from=2025-01-01') && r.url.includes('to=2025-03-31'))).toBe(true);
	});

	it('an error on one page ends the read: nothing is returned, nothing is still running, nothing started after it', async () => {
		const list = fakePageNumberedList(time, { total: 20_000, latency: (page) => (page === 6 ? 300 : PAGE_MS), failWith: (page) => (page === 6 ? 404 : undefined) });

		const error = await rejectionOf(time.run(harvestList.call(list.ctx, { path: '/time_entries', listKey: 'time_entries', itemIndex: 3 })));

		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as unknown as NodeApiError).context.itemIndex).toBe(3);
		expect(list.inFlight()).toBe(0);
		const failedAt = list.requests.find((r) => r.page === 6)!.endedAt!;
		expect(list.requests.every((r) => r.startedAt <= failedAt)).toBe(true);
		expect(list.requests.every((r) => r.endedAt !== undefined)).toBe(true);
	});

	it('pages handed on before an error are a prefix in order; none after the failed page', async () => {
		const list = fakePageNumberedList(time, { total: 20_000, latency: steady, failWith: (page) => (page === 7 ? 404 : undefined) });
		const handed: number[] = [];

		await rejectionOf(
			time.run(
				(async () => {
					for await (const page of harvestPages.call(list.ctx, { path: '/time_entries', listKey: 'time_entries' })) {
						handed.push(Number(page.envelope.page));
					}
				})(),
			),
		);

		expect(handed).toEqual(oneTo(handed.length));
		expect(Math.max(...handed)).toBeLessThan(7);
		expect(list.inFlight()).toBe(0);
	});

	it('a cancelled execution stops the read: no request starts after the cancel and none is left running', async () => {
		const controller = new AbortController();
		let cancelledAt = Infinity;
		const list = fakePageNumberedList(time, {
			total: 40_000,
			latency: steady,
			onRequest: (request) => {
				if (request.page === 4) {
					controller.abort();
					cancelledAt = time.now;
				}
			},
		});
		Object.assign(list.ctx, { getExecutionCancelSignal: () => controller.signal });

		const error = await rejectionOf(time.run(harvestList.call(list.ctx, { path: '/time_entries', listKey: 'time_entries' })));

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('cancelled');
		expect(list.requests.filter((r) => r.startedAt > cancelledAt)).toEqual([]);
		expect(list.requests.length).toBeLessThanOrEqual(5);
		expect(list.inFlight()).toBe(0);
	});

	it('a cursor list is read one link after another, in order', async () => {
		const list = fakePageNumberedList(time, { total: 9000, latency: steady, cursor: true, path: '/clients', key: 'clients' });

		const all = await time.run(harvestList.call(list.ctx, { path: '/clients', listKey: 'clients' }));

		expect(ids(all)).toEqual(oneTo(9000));
		expect(list.requests).toHaveLength(5);
		expect(list.maxInFlight()).toBe(1);
		expect(time.elapsed).toBe(5 * PAGE_MS);
		expect(list.requests.slice(1).every((r) => r.url.includes('cursor='))).toBe(true);
	});
});
