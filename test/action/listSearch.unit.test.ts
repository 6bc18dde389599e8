import nock from 'nock';

import { resetBudgets } from '../../nodes/shared/transport/governor';
import { createLoadOptionsContext } from '../helpers/context';
import { API, nockCredentials, node } from './support';

beforeAll(() => nock.disableNetConnect());
beforeEach(() => resetBudgets());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const ctx = () =>
	createLoadOptionsContext({ nodeType: node, credentials: nockCredentials, parameters: { authentication: 'accessToken', accountId: '' } });

describe('list searches', () => {
	it('labels projects with their client, links them, sorts by name and filters by text', async () => {
		nock(API)
			.get('/v2/projects')
			.query({ per_page: '2000' })
			.reply(200, {
				projects: [
					{ id: 2, name: 'Website', client: { name: 'ABC Corp' }, is_active: false },
					{ id: 1, name: 'Online Store – Phase 1', client: { name: '123 Industries' }, is_active: true },
				],
				links: { next: null },
			})
			.get('/v2/company')
			.reply(200, { base_uri: 'https://acme.harvestapp.com' });
		const result = await node.methods.listSearch.searchProjects.call(ctx(), '');
		expect(result.results).toEqual([
			{ name: 'Online Store – Phase 1 (123 Industries)', value: '1', url: 'https://acme.harvestapp.com/projects/1' },
			{ name: 'Website (ABC Corp) (archived)', value: '2', url: 'https://acme.harvestapp.com/projects/2' },
		]);
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
			.times(2)
			.reply(200, { base_uri: 'https://acme.harvestapp.com' })
			.get('/v2/users')
			.query(true)
			.reply(200, {
				users: [
					{ id: 3, first_name: 'Kim', last_name: 'Allen', email: 'kim@example.com' },
					{ id: 4, first_name: 'Bob', last_name: 'Powell', email: 'bob@example.com' },
				],
				links: { next: null },
			});
		const invoices = await node.methods.listSearch.searchInvoices.call(ctx());
		expect(invoices.results[0].name).toBe('#1001 · 123 Industries · $10,700.00');
		const users = await node.methods.listSearch.searchUsers.call(ctx(), 'KIM');
		expect(users.results).toEqual([
			{ name: 'Kim Allen <kim@example.com>', value: '3', url: 'https://acme.harvestapp.com/people/3' },
		]);
	});

	it('pages on with the next link as token', async () => {
		nock(API)
			.get('/v2/tasks')
			.query(true)
			.reply(200, { tasks: [{ id: 1, name: 'Design' }], links: { next: `${API}/v2/tasks?cursor=x&per_page=2000` } })
			.get('/v2/company')
			.reply(200, {});
		const first = await node.methods.listSearch.searchTasks.call(ctx());
		expect(first.paginationToken).toBe(`${API}/v2/tasks?cursor=x&per_page=2000`);
	});
});
