import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ENOUGH_MATCHES, MAX_SEARCH_PAGES, webBaseCache } from '../../nodes/shared/methods/listSearch';
import { resetBudgets } from '../../nodes/shared/transport/governor';
import { createLoadOptionsContext, type CredentialData } from '../helpers/context';
import { API, nockCredentials, node } from './support';

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	resetBudgets();
	webBaseCache.clear();
});
afterEach(() => {
	nock.cleanAll();
	webBaseCache.now = () => Date.now();
});
afterAll(() => nock.enableNetConnect());

const ctx = (parameters: IDataObject = {}, credentials: CredentialData = nockCredentials, credentialId = 'cred-1') =>
	createLoadOptionsContext({
		nodeType: node,
		credentials,
		parameters: { authentication: 'accessToken', accountId: '', ...parameters },
		node: { credentials: { harvestAppApi: { id: credentialId, name: 'Harvest' } } },
	});
const { listSearch } = node.methods;

/** `count` clients named `${prefix} n`, ids from `first`. */
const clients = (first: number, count: number, prefix = 'Filler') =>
	Array.from({ length: count }, (_, i) => ({ id: first + i, name: `${prefix} ${first + i}`, is_active: true }));
const next = (cursor: string, active = true) => `${API}/v2/clients?cursor=${cursor}&is_active=${active}&per_page=2000`;

describe('list searches', () => {
	it('labels projects with their client, links them, sorts by name and filters by text', async () => {
		nock(API)
			.get('/v2/projects')
			.query({ is_active: 'true', per_page: '2000' })
			.reply(200, {
				projects: [
					{ id: 2, name: 'Website', client: { name: 'ABC Corp' }, is_active: true },
					{ id: 1, name: 'Online Store – Phase 1', client: { name: '123 Industries' }, is_active: true },
				],
				links: { next: null },
			})
			.get('/v2/company')
			.reply(200, { base_uri: 'https://acme.harvestapp.com' });
		const result = await listSearch.searchProjects.call(ctx(), '');
		expect(result.results).toEqual([
			{ name: 'Online Store – Phase 1 (123 Industries)', value: '1', url: 'https://acme.harvestapp.com/projects/1' },
			{ name: 'Website (ABC Corp)', value: '2', url: 'https://acme.harvestapp.com/projects/2' },
		]);
		expect(result.paginationToken).toBe('archived');
	});

	it('labels invoices by number, client and amount, and users by name and email', async () => {
		nock(API)
			.get('/v2/invoices')
			.query(true)
			.reply(200, {
				invoices: [{ id: 9, number: '1001', client: { name: '123 Industries' }, amount: 10700, currency: 'USD' }],
				links: { next: null },
			})
			.get('/v2/company')
			.reply(200, { base_uri: 'https://acme.harvestapp.com' })
			.get('/v2/users')
			.query({ is_active: 'true', per_page: '2000' })
			.reply(200, {
				users: [
					{ id: 3, first_name: 'Kim', last_name: 'Allen', email: 'kim@example.com', is_active: true },
					{ id: 4, first_name: 'Bob', last_name: 'Powell', email: 'bob@example.com', is_active: true },
				],
				links: { next: null },
			})
			.get('/v2/users')
			.query({ is_active: 'false', per_page: '2000' })
			.reply(200, { users: [{ id: 5, first_name: 'Kim', last_name: 'Old', is_active: false }], links: { next: null } });
		const invoices = await listSearch.searchInvoices.call(ctx());
		expect(invoices.results[0].name).toBe('#1001 · 123 Industries · $10,700.00');
		expect(invoices.paginationToken).toBeUndefined();
		const users = await listSearch.searchUsers.call(ctx(), 'KIM');
		expect(users.results).toEqual([
			{ name: 'Kim Allen <kim@example.com>', value: '3', url: 'https://acme.harvestapp.com/people/3' },
			{ name: 'Kim Old (archived)', value: '5', url: 'https://acme.harvestapp.com/people/5' },
		]);
		expect(users.paginationToken).toBeUndefined();
	});

	it('lists active records first, then archived ones when the editor asks for more', async () => {
		nock(API)
			.get('/v2/tasks')
			.query({ is_active: 'true', per_page: '2000' })
			.reply(200, { tasks: [{ id: 1, name: 'Design', is_active: true }], links: { next: `${API}/v2/tasks?cursor=x&is_active=true&per_page=2000` } })
			.get('/v2/tasks')
			.query({ cursor: 'x', is_active: 'true', per_page: '2000' })
			.reply(200, { tasks: [{ id: 2, name: 'Build', is_active: true }], links: { next: null } })
			.get('/v2/tasks')
			.query({ is_active: 'false', per_page: '2000' })
			.reply(200, { tasks: [{ id: 3, name: 'Audit', is_active: false }], links: { next: null } })
			.get('/v2/company')
			.reply(200, { base_uri: 'https://acme.harvestapp.com' });
		const first = await listSearch.searchTasks.call(ctx());
		expect(first.results.map((r) => r.value)).toEqual(['1']);
		expect(first.paginationToken).toBe(`active ${API}/v2/tasks?cursor=x&is_active=true&per_page=2000`);
		const second = await listSearch.searchTasks.call(ctx(), '', first.paginationToken as string);
		expect([second.results.map((r) => r.value), second.paginationToken]).toEqual([['2'], 'archived']);
		const third = await listSearch.searchTasks.call(ctx(), '', second.paginationToken as string);
		expect(third.results).toEqual([{ name: 'Audit (archived)', value: '3', url: 'https://acme.harvestapp.com/tasks/3' }]);
		expect(third.paginationToken).toBeUndefined();
		expect(nock.isDone()).toBe(true);
	});

	it('reads on past the first 2000 records until a typed search finds its record', async () => {
		nock(API)
			.get('/v2/company')
			.reply(200, { base_uri: 'https://acme.harvestapp.com' })
			.get('/v2/clients')
			.query({ is_active: 'true', per_page: '2000' })
			.reply(200, { clients: clients(1, 2000), links: { next: next('p2') } })
			.get('/v2/clients')
			.query({ cursor: 'p2', is_active: 'true', per_page: '2000' })
			.reply(200, { clients: clients(2001, 2000), links: { next: next('p3') } })
			.get('/v2/clients')
			.query({ cursor: 'p3', is_active: 'true', per_page: '2000' })
			.reply(200, { clients: [...clients(4001, 10), { id: 9999, name: 'Zephyr Logistics', is_active: true }], links: { next: null } })
			.get('/v2/clients')
			.query({ is_active: 'false', per_page: '2000' })
			.reply(200, { clients: [], links: { next: null } });
		const found = await listSearch.searchClients.call(ctx(), 'zephyr');
		expect(found.results).toEqual([{ name: 'Zephyr Logistics', value: '9999', url: 'https://acme.harvestapp.com/clients/9999' }]);
		expect(found.paginationToken).toBeUndefined();
		expect(nock.isDone()).toBe(true);
	});

	it(`stops a search after ${MAX_SEARCH_PAGES} pages and hands the editor a token to read on`, async () => {
		const scope = nock(API).get('/v2/company').reply(200, {});
		scope
			.get('/v2/clients')
			.query({ is_active: 'true', per_page: '2000' })
			.reply(200, { clients: clients(1, 3), links: { next: next('c1') } });
		for (let page = 1; page < 2 * MAX_SEARCH_PAGES; page++) {
			scope
				.get('/v2/clients')
				.query({ cursor: `c${page}`, is_active: 'true', per_page: '2000' })
				.reply(200, { clients: clients(page * 10, 3), links: { next: next(`c${page + 1}`) } });
		}
		const context = ctx();
		const first = await listSearch.searchClients.call(context, 'nowhere');
		expect(first.results).toEqual([]);
		expect(context.sent.filter((r) => r.url.includes('/clients'))).toHaveLength(MAX_SEARCH_PAGES);
		expect(first.paginationToken).toBe(`active ${next(`c${MAX_SEARCH_PAGES}`)}`);
		// Following the token sends exactly one per_page.
		const more = await listSearch.searchClients.call(ctx(), 'nowhere', first.paginationToken as string);
		expect(more.paginationToken).toBe(`active ${next(`c${2 * MAX_SEARCH_PAGES}`)}`);
	});

	it(`answers a search once it has ${ENOUGH_MATCHES} matches, with a token for the rest`, async () => {
		nock(API)
			.get('/v2/company')
			.reply(200, {})
			.get('/v2/clients')
			.query({ is_active: 'true', per_page: '2000' })
			.reply(200, { clients: clients(1, 150, 'Acme'), links: { next: next('more') } });
		const found = await listSearch.searchClients.call(ctx(), 'acme');
		expect(found.results).toHaveLength(150);
		expect(found.paginationToken).toBe(`active ${next('more')}`);
	});

	it('keeps the active pass to active records even if a next link loses its filter', async () => {
		nock(API)
			.get('/v2/company')
			.reply(200, {})
			.get('/v2/clients')
			.query({ cursor: 'z', is_active: 'true', per_page: '2000' })
			.reply(200, { clients: [{ id: 1, name: 'Live', is_active: true }, { id: 2, name: 'Gone', is_active: false }], links: { next: null } });
		const page = await listSearch.searchClients.call(ctx(), '', `active ${API}/v2/clients?cursor=z&per_page=2000`);
		expect([page.results.map((r) => r.value), page.paginationToken]).toEqual([['1'], 'archived']);
	});

	it('asks for the company address once per account for a few minutes, and lists without links when it fails', async () => {
		let clock = 1_000_000;
		webBaseCache.now = () => clock;
		const list = { clients: [{ id: 7, name: 'Acme', is_active: true }], links: { next: null } };
		const company = nock(API).get('/v2/company').reply(200, { base_uri: 'https://acme.harvestapp.com/' });
		// Five searches, each over the active and the archived pass.
		nock(API).get('/v2/clients').query(true).times(10).reply(200, list);
		const first = await listSearch.searchClients.call(ctx(), 'a');
		const second = await listSearch.searchClients.call(ctx(), 'ac');
		expect([first.results[0].url, second.results[0].url]).toEqual([
			'https://acme.harvestapp.com/clients/7',
			'https://acme.harvestapp.com/clients/7',
		]);
		expect(company.isDone()).toBe(true);

		// Another account of the same token has its own address.
		const other = nock(API).get('/v2/company').matchHeader('Harvest-Account-Id', '777').reply(200, { base_uri: 'https://other.harvestapp.com' });
		const elsewhere = await listSearch.searchClients.call(ctx({ accountId: '777' }), 'acme');
		expect(elsewhere.results[0].url).toBe('https://other.harvestapp.com/clients/7');
		expect(other.isDone()).toBe(true);

		// After the time to live, the address is asked for again; a failure only costs the links.
		clock += 10 * 60_000;
		nock(API).get('/v2/company').reply(403, { message: 'Forbidden' });
		const withoutLinks = await listSearch.searchClients.call(ctx(), 'acme');
		expect(withoutLinks.results).toEqual([{ name: 'Acme', value: '7' }]);
		// The failure is not retried on every keystroke.
		const again = await listSearch.searchClients.call(ctx(), 'acm');
		expect(again.results).toEqual([{ name: 'Acme', value: '7' }]);
		expect(nock.pendingMocks().filter((m) => m.includes('/company'))).toEqual([]);
	});
});
