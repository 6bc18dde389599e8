import { startSandbox, type Sandbox } from '../index';
import { api, walk } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ seed: 11, records: 1000, rateLimits: false });
});
afterAll(() => sb.close());

const decodeCursor = (url: string) => JSON.parse(Buffer.from(new URL(url).searchParams.get('cursor') as string, 'base64').toString('utf8'));

describe('cursor pagination (/clients)', () => {
	test('following links.next verbatim yields every record once, newest first', async () => {
		const pages = await walk(sb, '/clients', { per_page: 3 });
		const all = pages.flatMap((p) => p.clients);
		const total = pages[0].total_entries;
		expect(total).toBe(sb.store.account().clients.size);
		expect(pages).toHaveLength(Math.ceil(total / 3));
		expect(all).toHaveLength(total);
		expect(new Set(all.map((c: any) => c.id)).size).toBe(total);
		const keys = all.map((c: any) => [c.created_at, c.id]);
		const sorted = keys.slice().sort((a: any, b: any) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : b[1] - a[1]));
		expect(keys).toEqual(sorted);
	});

	test('page counters: set on the first and last page, null on middle pages', async () => {
		const pages = await walk(sb, '/clients', { per_page: 3 });
		const last = pages.length;
		expect(pages[0]).toMatchObject({ page: 1, next_page: 2, previous_page: null, per_page: 3, total_pages: last });
		for (const middle of pages.slice(1, -1)) {
			expect(middle).toMatchObject({ page: null, next_page: null, previous_page: null, total_pages: last });
			expect(middle.links.previous).toMatch(/ref=previous/);
		}
		expect(pages[last - 1]).toMatchObject({ page: last, next_page: null, previous_page: last - 1 });
		expect(pages[last - 1].links.next).toBeNull();
	});

	test('links: opaque base64 keyset cursor, per_page and ref=next_cursor, page-based first/last, request origin', async () => {
		const res = await api(sb, 'GET', '/clients', { query: { per_page: 4 } });
		const { links } = res.json;
		const next = new URL(links.next);
		expect(`${next.origin}${next.pathname}`).toBe(`${sb.url}/clients`);
		expect(next.searchParams.get('per_page')).toBe('4');
		expect(next.searchParams.get('ref')).toBe('next_cursor');
		const last = res.json.clients[3];
		expect(decodeCursor(links.next)).toEqual({ after: { created_at: expect.any(Number), id: last.id } });
		expect(links.first).toBe(`${sb.url}/clients?page=1&per_page=4&ref=first`);
		expect(links.last).toBe(`${sb.url}/clients?page=${res.json.total_pages}&per_page=4&ref=last`);
		expect(links.previous).toBeNull();
	});

	test('filters are carried in every link and applied on every page', async () => {
		const pages = await walk(sb, '/projects', { is_active: 'true', per_page: 5 });
		const expected = sb.store.account().projects.all().filter((p) => p.is_active).length;
		expect(pages.flatMap((p) => p.projects)).toHaveLength(expected);
		for (const p of pages) {
			expect(p.projects.every((x: any) => x.is_active)).toBe(true);
			for (const link of [p.links.first, p.links.last, p.links.next].filter(Boolean)) {
				expect(new URL(link).searchParams.get('is_active')).toBe('true');
			}
		}
	});

	test('records created or updated between page requests are neither skipped nor duplicated', async () => {
		const before = new Set(sb.store.account().clients.all().map((c) => c.id));
		const first = await api(sb, 'GET', '/clients', { query: { per_page: 4 } });
		const seen: number[] = first.json.clients.map((c: any) => c.id);
		// Between pages: new clients, an update of a not-yet-seen one, and an update of a seen one.
		const notSeen = sb.store.account().clients.sorted()[10].id;
		sb.mutate({ resource: 'clients', action: 'create' });
		sb.mutate({ resource: 'clients', action: 'update', id: notSeen, fields: { address: 'moved' } });
		sb.mutate({ resource: 'clients', action: 'update', id: seen[0], fields: { address: 'moved too' } });
		sb.mutate({ resource: 'clients', action: 'create' });
		let next: string | null = first.json.links.next;
		while (next) {
			const page = await api(sb, 'GET', next);
			seen.push(...page.json.clients.map((c: any) => c.id));
			next = page.json.links.next;
		}
		expect(seen.length).toBe(new Set(seen).size);
		expect(new Set(seen)).toEqual(before);
	});

	test('with updated_since, a record updated between pages is still listed exactly once', async () => {
		const since = '2000-01-01T00:00:00Z';
		const first = await api(sb, 'GET', '/users', { query: { per_page: 3, updated_since: since } });
		const laterUser = sb.store.account().users.sorted()[5].id;
		sb.mutate({ resource: 'users', action: 'update', id: laterUser, fields: { telephone: '1' } });
		const rest = [];
		let next: string | null = first.json.links.next;
		while (next) {
			const page = await api(sb, 'GET', next);
			rest.push(...page.json.users.map((u: any) => u.id));
			next = page.json.links.next;
		}
		const ids = [...first.json.users.map((u: any) => u.id), ...rest];
		expect(ids.filter((id) => id === laterUser)).toHaveLength(1);
		expect(ids.length).toBe(sb.store.account().users.size);
	});

	test('a tampered cursor is refused with 422', async () => {
		const res = await api(sb, 'GET', '/clients', { query: { cursor: 'not-base64-json' } });
		expect(res.status).toBe(422);
		expect(res.json.message).toMatch(/cursor/i);
	});
});

describe('page pagination (/time_entries)', () => {
	test('numbers every page and carries filters; walking covers the whole filtered list', async () => {
		const store = sb.store.account();
		const userId = store.timeEntries.sorted()[0].user_id;
		const pages = await walk(sb, '/time_entries', { user_id: userId, per_page: 50 });
		const expected = store.timeEntries.all().filter((e) => e.user_id === userId).length;
		expect(pages).toHaveLength(Math.ceil(expected / 50));
		pages.forEach((p, i) => {
			expect(p.page).toBe(i + 1);
			expect(p.previous_page).toBe(i === 0 ? null : i);
			expect(p.next_page).toBe(i === pages.length - 1 ? null : i + 2);
			if (p.links.next) {
				const next = new URL(p.links.next);
				expect(next.searchParams.get('page')).toBe(String(i + 2));
				expect(next.searchParams.get('user_id')).toBe(String(userId));
				expect(next.searchParams.has('cursor')).toBe(false);
			}
		});
		const ids = pages.flatMap((p) => p.time_entries.map((e: any) => e.id));
		expect(ids).toHaveLength(expected);
		expect(new Set(ids).size).toBe(expected);
	});

	test('a page past the end is empty', async () => {
		const res = await api(sb, 'GET', '/time_entries', { query: { per_page: 2000, page: 9 } });
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ time_entries: [], page: 9, next_page: null, previous_page: 8, total_pages: 1 });
	});
});

describe('per_page', () => {
	test('defaults to 2000, and to 100 on /invoices', async () => {
		expect((await api(sb, 'GET', '/time_entries')).json).toMatchObject({ per_page: 2000, total_pages: 1 });
		const inv = await api(sb, 'GET', '/invoices');
		expect(inv.json.per_page).toBe(100);
		expect(inv.json.invoices.length).toBe(Math.min(100, sb.store.account().invoices.size));
	});

	test.each([['2001'], ['0'], ['-5'], ['abc'], ['1.5']])('per_page=%s → 422', async (value) => {
		const res = await api(sb, 'GET', '/clients', { query: { per_page: value } });
		expect(res.status).toBe(422);
		expect(res.json.message).toMatch(/per_page/);
	});

	test('1 and 2000 are accepted', async () => {
		expect((await api(sb, 'GET', '/tasks', { query: { per_page: 1 } })).json.tasks).toHaveLength(1);
		expect((await api(sb, 'GET', '/tasks', { query: { per_page: 2000 } })).status).toBe(200);
	});
});
