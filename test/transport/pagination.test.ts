/**
 * Rules: per_page = min(limit, 2000) (2000 for Return All); cursor and page-numbered lists are both followed
 * through `links.next` verbatim until it is null; nothing is requested beyond the page that reaches the limit and
 * records are cut exactly at it; N records cost ceil(N / 2000) requests; a `links.next` on another host is
 * refused and never requested; a next link already followed, or pages past what the first page announced plus
 * a margin, end the read with a NodeApiError naming the endpoint (parallelPages.test.ts has the concurrent reads).
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { harvestList, harvestPages, type HarvestPage } from '../../nodes/shared/transport';
import { UNANNOUNCED_PAGE_CAP } from '../../nodes/shared/transport/pages';
import { API, executeContext, recordInto, records, rejectionOf, useTransportFixture, type Seen } from './support';

const clock = useTransportFixture();

function query(path: string): Record<string, string> {
	return Object.fromEntries(new URL(path, API).searchParams);
}

/**
 * A page-numbered list of `total` records on /v2/time_entries that honours `per_page` and `page` and echoes the
 * filters in `links.next`, like Harvest's page-based endpoints.
 */
function pageNumberedList(total: number, log: Seen[]): void {
	nock(API)
		.persist()
		.get('/v2/time_entries')
		.query(true)
		.reply(
			recordInto(log, clock, (seen) => {
				const q = query(seen.path);
				const perPage = Number(q.per_page ?? 2000);
				const page = Number(q.page ?? 1);
				const first = (page - 1) * perPage;
				const count = Math.max(0, Math.min(perPage, total - first));
				const totalPages = Math.max(1, Math.ceil(total / perPage));
				const more = page < totalPages;
				const filters = Object.entries(q)
					.filter(([k]) => k !== 'page' && k !== 'per_page')
					.map(([k, v]) => `&${k}=${encodeURIComponent(v)}`)
					.join('');
				return [
					200,
					{
						time_entries: records(count, first + 1),
						per_page: perPage,
						total_pages: totalPages,
						total_entries: total,
						page,
						next_page: more ? page + 1 : null,
						previous_page: page > 1 ? page - 1 : null,
						links: {
							first: `${API}/v2/time_entries?page=1&per_page=${perPage}${filters}`,
							next: more ? `${API}/v2/time_entries?page=${page + 1}&per_page=${perPage}${filters}` : null,
							previous: page > 1 ? `${API}/v2/time_entries?page=${page - 1}&per_page=${perPage}${filters}` : null,
							last: `${API}/v2/time_entries?page=${totalPages}&per_page=${perPage}${filters}`,
						},
					},
				];
			}),
		);
}

describe('per_page', () => {
	it.each([
		[1, '1'],
		[25, '25'],
		[2000, '2000'],
		[2001, '2000'],
		[50000, '2000'],
		[undefined, '2000'],
		[0, '2000'],
	])('limit %p sends per_page=%s', async (limit, perPage) => {
		const log: Seen[] = [];
		pageNumberedList(3, log);

		await harvestList.call(executeContext(), { path: '/time_entries', listKey: 'time_entries', limit });

		expect(log).toHaveLength(1);
		expect(query(log[0].path).per_page).toBe(perPage);
	});

	it('keeps the caller filters next to per_page on the first request', async () => {
		const log: Seen[] = [];
		pageNumberedList(3, log);

		await harvestList.call(executeContext(), {
			path: '/time_entries',
			listKey: 'time_entries',
			qs: { from: '2025-01-01', is_running: false },
		});

		expect(query(log[0].path)).toEqual({ from: '2025-01-01', is_running: 'false', per_page: '2000' });
	});
});

describe('cursor pagination', () => {
	const cursor2 = 'eyJhZnRlciI6eyJpZCI6MjAwMH19';
	const cursor3 = 'eyJhZnRlciI6eyJpZCI6NDAwMH19%3D%3D';
	const next2 = `/v2/clients?cursor=${cursor2}&is_active=true&per_page=2000&ref=next_cursor&updated_since=2025-01-01T00%3A00%3A00Z`;
	const next3 = `/v2/clients?cursor=${cursor3}&is_active=true&per_page=2000&ref=next_cursor&updated_since=2025-01-01T00%3A00%3A00Z`;

	function cursorList(log: Seen[]): void {
		const envelope = (page: number | null, next: string | null) => ({
			per_page: 2000,
			total_pages: 3,
			total_entries: 4005,
			page,
			// Harvest leaves these null on middle pages of cursor lists; the first page has numbers.
			next_page: page === 1 ? 2 : null,
			previous_page: null,
			links: {
				first: `${API}/v2/clients?is_active=true&page=1&per_page=2000&ref=first`,
				next: next === null ? null : `${API}${next}`,
				previous: null,
				last: `${API}/v2/clients?is_active=true&page=3&per_page=2000&ref=last`,
			},
		});
		nock(API)
			.persist()
			.get('/v2/clients')
			.query(true)
			.reply(
				recordInto(log, clock, (seen) => {
					const q = query(seen.path);
					if (q.cursor === undefined) return [200, { clients: records(2000, 1), ...envelope(1, next2) }, { 'X-Page': '1' }];
					if (seen.path === next2) return [200, { clients: records(2000, 2001), ...envelope(null, next3) }, { 'X-Page': '2' }];
					if (seen.path === next3) return [200, { clients: records(5, 4001), ...envelope(3, null) }, { 'X-Page': '3' }];
					return [400, { message: `unexpected request ${seen.path}` }];
				}),
			);
	}

	it('follows every links.next exactly as given (opaque cursor and original filters) until it is null', async () => {
		const log: Seen[] = [];
		cursorList(log);

		const all = await harvestList.call(executeContext(), {
			path: '/clients',
			listKey: 'clients',
			qs: { is_active: true, updated_since: '2025-01-01T00:00:00Z' },
		});

		expect(log).toHaveLength(3);
		expect(query(log[0].path)).toEqual({ is_active: 'true', updated_since: '2025-01-01T00:00:00Z', per_page: '2000' });
		expect(log[1].path).toBe(next2);
		expect(log[2].path).toBe(next3);
		expect(all).toHaveLength(4005);
		expect(all.map((r) => r.id)).toEqual(records(4005).map((r) => r.id));
	});

	it('yields one page per request with the envelope (without the records) and response headers', async () => {
		const log: Seen[] = [];
		cursorList(log);
		const pages: HarvestPage[] = [];

		for await (const page of harvestPages.call(executeContext(), { path: '/clients', listKey: 'clients' })) pages.push(page);

		expect(pages.map((p) => p.records.length)).toEqual([2000, 2000, 5]);
		expect(pages[0].envelope).not.toHaveProperty('clients');
		expect(pages[0].envelope).toMatchObject({ total_entries: 4005, page: 1 });
		expect(pages[1].envelope).toMatchObject({ page: null, next_page: null, previous_page: null });
		expect(pages.map((p) => p.headers['x-page'])).toEqual(['1', '2', '3']);
	});

	it('stops reading pages when the consumer stops iterating', async () => {
		const log: Seen[] = [];
		cursorList(log);

		for await (const page of harvestPages.call(executeContext(), { path: '/clients', listKey: 'clients' })) {
			expect(page.records).toHaveLength(2000);
			break;
		}

		expect(log).toHaveLength(1);
	});
});

describe('page-numbered pagination', () => {
	it('follows links.next page by page with the filters, and stops when it is null', async () => {
		const log: Seen[] = [];
		pageNumberedList(4500, log);

		const all = await harvestList.call(executeContext(), {
			path: '/time_entries',
			listKey: 'time_entries',
			qs: { from: '2025-01-01', to: '2025-03-31' },
		});

		expect(log.map((s) => s.path)).toEqual([
			'/v2/time_entries?from=2025-01-01&to=2025-03-31&per_page=2000',
			'/v2/time_entries?page=2&per_page=2000&from=2025-01-01&to=2025-03-31',
			'/v2/time_entries?page=3&per_page=2000&from=2025-01-01&to=2025-03-31',
		]);
		expect(all).toHaveLength(4500);
		expect(new Set(all.map((r) => r.id)).size).toBe(4500);
	});

	it('trusts links.next, not next_page: a null links.next ends the list', async () => {
		const log: Seen[] = [];
		nock(API)
			.get('/v2/expenses')
			.query(true)
			.reply(recordInto(log, clock, [200, { expenses: records(3), page: 1, next_page: 2, links: { next: null } }]));

		const all = await harvestList.call(executeContext(), { path: '/expenses', listKey: 'expenses' });

		expect(all).toHaveLength(3);
		expect(log).toHaveLength(1);
	});
});

describe('limit', () => {
	it('sends no request beyond the page that reaches the limit, and cuts exactly at it', async () => {
		const log: Seen[] = [];
		pageNumberedList(10001, log);

		const all = await harvestList.call(executeContext(), { path: '/time_entries', listKey: 'time_entries', limit: 2500 });

		expect(log).toHaveLength(2);
		expect(all).toHaveLength(2500);
		expect(all[0].id).toBe(1);
		expect(all[2499].id).toBe(2500);
	});

	it('a limit below one page is one request, even when links.next is set', async () => {
		const log: Seen[] = [];
		pageNumberedList(50, log);

		const all = await harvestList.call(executeContext(), { path: '/time_entries', listKey: 'time_entries', limit: 7 });

		expect(log).toHaveLength(1);
		expect(query(log[0].path).per_page).toBe('7');
		expect(all.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
	});

	it('cuts a page that holds more than asked for', async () => {
		const log: Seen[] = [];
		nock(API)
			.get('/v2/users')
			.query(true)
			.reply(recordInto(log, clock, [200, { users: records(10), links: { next: `${API}/v2/users?cursor=x` } }]));
		const pages: IDataObject[][] = [];

		for await (const page of harvestPages.call(executeContext(), { path: '/users', listKey: 'users', limit: 3 })) {
			pages.push(page.records);
		}

		expect(log).toHaveLength(1);
		expect(pages).toEqual([records(3)]);
	});

	it('a limit exactly at a page boundary stops without fetching the next page', async () => {
		const log: Seen[] = [];
		pageNumberedList(6000, log);

		const all = await harvestList.call(executeContext(), { path: '/time_entries', listKey: 'time_entries', limit: 4000 });

		expect(log).toHaveLength(2);
		expect(all).toHaveLength(4000);
	});
});

describe('request count for N records (Return All)', () => {
	it.each([
		[0, 1],
		[1, 1],
		[2000, 1],
		[2001, 2],
		[4000, 2],
		[10001, 6],
	])('%p records take %p request(s)', async (total, requests) => {
		const log: Seen[] = [];
		pageNumberedList(total, log);

		const all = await harvestList.call(executeContext(), { path: '/time_entries', listKey: 'time_entries' });

		expect(log).toHaveLength(requests);
		expect(all).toHaveLength(total);
		expect(log.every((s) => query(s.path).per_page === '2000')).toBe(true);
	});
});

describe('links.next that leaves the API', () => {
	it.each([
		['another host', 'https://evil.example.com/v2/clients?cursor=abc'],
		['plain http on the API host', 'http://api.harvestapp.com/v2/clients?cursor=abc'],
		['the API host outside /v2', `${API}/v1/clients?cursor=abc`],
		['a protocol-relative URL', '//evil.example.com/v2/clients?cursor=abc'],
	])('%s is refused with NodeOperationError and never requested', async (_label, next) => {
		const log: Seen[] = [];
		nock(API)
			.get('/v2/clients')
			.query(true)
			.reply(recordInto(log, clock, [200, { clients: records(2), links: { next } }]));
		const evil = nock('https://evil.example.com').get(/.*/).reply(200, { clients: [] });
		const plain = nock('http://api.harvestapp.com').get(/.*/).reply(200, { clients: [] });
		const ctx = executeContext();

		const error = await rejectionOf(harvestList.call(ctx, { path: '/clients', listKey: 'clients', itemIndex: 2 }));

		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as unknown as NodeOperationError).context.itemIndex).toBe(2);
		expect(log).toHaveLength(1);
		expect(ctx.sent).toHaveLength(1);
		expect(evil.isDone()).toBe(false);
		expect(plain.isDone()).toBe(false);
	});
});

describe('a list answer without the list key', () => {
	it('is a NodeApiError naming the missing key', async () => {
		nock(API).get('/v2/roles').query(true).reply(200, { message: 'something else' });

		const error = await rejectionOf(harvestList.call(executeContext(), { path: '/roles', listKey: 'roles' }));

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('"roles"');
	});
});

describe('bounds: a next link that repeats or never ends', () => {
	/** Every GET of `/v2${path}` answered by `answer`, recorded into `log`. */
	function serve(log: Seen[], path: string, answer: (seen: Seen) => nock.ReplyFnResult): void {
		nock(API).persist().get(`/v2${path}`).query(true).reply(recordInto(log, clock, answer));
	}

	/** A cursor list that hands out a fresh cursor forever, announcing `announced` pages (or nothing). */
	function endlessCursorList(log: Seen[], announced?: { total_pages: number; total_entries: number }): void {
		serve(log, '/clients', (seen) => {
			const n = Number(query(seen.path).cursor ?? 0);
			return [200, { clients: records(2, 2 * n + 1), ...announced, links: { next: `${API}/v2/clients?cursor=${n + 1}&per_page=2000` } }];
		});
	}

	it('a cursor list whose next link points back at a page already read stops with a NodeApiError naming the endpoint', async () => {
		const log: Seen[] = [];
		serve(log, '/clients', (seen) => {
			const again = `${API}/v2/clients?is_active=true&per_page=2000`;
			if (query(seen.path).cursor === undefined) return [200, { clients: records(2), total_pages: 2, links: { next: `${API}/v2/clients?cursor=b&per_page=2000` } }];
			return [200, { clients: records(2, 3), total_pages: 2, links: { next: again } }];
		});

		const error = await rejectionOf(harvestList.call(executeContext(), { path: '/clients', listKey: 'clients', qs: { is_active: true }, itemIndex: 1 }));

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('/clients');
		expect(error.message).toContain('already followed');
		expect((error as unknown as NodeApiError).context.itemIndex).toBe(1);
		expect(String((error as unknown as NodeApiError).description)).toContain('returned no records');
		expect(log).toHaveLength(2);
	});

	it('a page-numbered list whose last page links back to page 2 stops without asking for it again', async () => {
		const log: Seen[] = [];
		serve(log, '/expenses', (seen) => {
			const page = Number(query(seen.path).page ?? 1);
			const next = page < 3 ? `${API}/v2/expenses?page=${page + 1}&per_page=2000` : `${API}/v2/expenses?page=2&per_page=2000`;
			return [200, { expenses: records(2000, (page - 1) * 2000 + 1), page, per_page: 2000, total_pages: 3, total_entries: 6000, links: { next } }];
		});

		const error = await rejectionOf(harvestList.call(executeContext(), { path: '/expenses', listKey: 'expenses' }));

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('/expenses');
		expect(log.map((s) => query(s.path).page ?? '1')).toEqual(['1', '2', '3']);
	});

	it('an endless cursor list stops after the announced pages plus the margin (3 + 2), naming the endpoint and the cap', async () => {
		const log: Seen[] = [];
		endlessCursorList(log, { total_pages: 3, total_entries: 6 });

		const error = await rejectionOf(harvestList.call(executeContext(), { path: '/clients', listKey: 'clients' }));

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Harvest kept sending pages for /clients past the 5 this read allows');
		expect(String((error as unknown as NodeApiError).description)).toContain('announced 3 pages');
		expect(log).toHaveLength(5);
	});

	it('without any announced total the cap is fixed (UNANNOUNCED_PAGE_CAP pages)', async () => {
		const log: Seen[] = [];
		endlessCursorList(log);

		const error = await rejectionOf(harvestList.call(executeContext(), { path: '/clients', listKey: 'clients' }));

		expect(error).toBeInstanceOf(NodeApiError);
		expect(log).toHaveLength(UNANNOUNCED_PAGE_CAP);
	});

	it('a list that grows by a page while it is read is still read to its end (the margin), with every record', async () => {
		const log: Seen[] = [];
		serve(log, '/time_entries', (seen) => {
			const page = Number(query(seen.path).page ?? 1);
			// The first page announces 3 pages; by the time page 3 is served a fourth exists.
			const totalPages = page === 1 ? 3 : 4;
			const next = page < totalPages ? `${API}/v2/time_entries?page=${page + 1}&per_page=2000` : null;
			const count = page === 4 ? 10 : 2000;
			return [200, { time_entries: records(count, (page - 1) * 2000 + 1), page, per_page: 2000, total_pages: totalPages, total_entries: (totalPages - 1) * 2000 + 10, links: { next } }];
		});

		const all = await harvestList.call(executeContext(), { path: '/time_entries', listKey: 'time_entries' });

		expect(all.map((r) => r.id)).toEqual(records(6010).map((r) => r.id));
		expect(log).toHaveLength(4);
	});
});
