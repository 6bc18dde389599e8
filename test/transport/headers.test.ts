/**
 * Rule: every request carries `Authorization: Bearer <token>`, `Harvest-Account-Id` (credential's, or the node's
 * `accountId` parameter when set) and a `User-Agent` naming the package and a contact. The Harvest ID accounts
 * request carries no account header.
 */
import nock from 'nock';

import { HarvestAppApi } from '../../credentials/HarvestAppApi.credentials';
import { harvestAccounts, harvestList, harvestRequest } from '../../nodes/shared/transport';
import {
	ACCOUNT,
	API,
	createExecuteContext,
	createLoadOptionsContext,
	createPollContext,
	executeContext,
	ID,
	netError,
	OAUTH,
	oauthCredentials,
	patCredentials,
	recordInto,
	records,
	TOKEN,
	useTransportFixture,
	type Seen,
} from './support';

const clock = useTransportFixture();

const USER_AGENT = /n8n-nodes-harvestapp.*\(.*\)/;

function expectHarvestHeaders(seen: Seen, token: string, account: string): void {
	expect(seen.headers.authorization).toBe(`Bearer ${token}`);
	expect(seen.headers['harvest-account-id']).toBe(account);
	expect(seen.headers['user-agent']).toMatch(USER_AGENT);
}

describe('headers with the personal access token credential', () => {
	it('sends Bearer token, account id and User-Agent on a GET', async () => {
		const log: Seen[] = [];
		nock(API).get('/v2/users/me').reply(recordInto(log, clock, [200, { id: 1 }]));

		await harvestRequest.call(executeContext(), { method: 'GET', path: '/users/me' });

		expect(log).toHaveLength(1);
		expectHarvestHeaders(log[0], TOKEN, ACCOUNT);
		expect(log[0].headers.accept).toBe('application/json');
	});

	it('sends them on POST, PATCH and DELETE as well, with a JSON body', async () => {
		const log: Seen[] = [];
		nock(API)
			.post('/v2/clients')
			.reply(recordInto(log, clock, [201, { id: 5 }]))
			.patch('/v2/clients/5')
			.reply(recordInto(log, clock, [200, { id: 5 }]))
			.delete('/v2/clients/5')
			.reply(recordInto(log, clock, [200, '']));
		const ctx = executeContext();

		await harvestRequest.call(ctx, { method: 'POST', path: '/clients', body: { name: 'Acme' } });
		await harvestRequest.call(ctx, { method: 'PATCH', path: '/clients/5', body: { name: 'Acme Co' } });
		const deleted = await harvestRequest.call(ctx, { method: 'DELETE', path: '/clients/5' });

		expect(log.map((s) => s.method)).toEqual(['POST', 'PATCH', 'DELETE']);
		for (const seen of log) expectHarvestHeaders(seen, TOKEN, ACCOUNT);
		expect(log[0].headers['content-type']).toMatch(/application\/json/);
		expect(log[0].body).toEqual({ name: 'Acme' });
		expect(deleted).toEqual({});
	});

	it('sends them on every page of a list and on every retry', async () => {
		const log: Seen[] = [];
		nock(API)
			.get('/v2/tasks')
			.query(true)
			.replyWithError(netError('ECONNRESET', 'socket hang up'))
			.get('/v2/tasks')
			.query(true)
			.reply(
				recordInto(log, clock, [200, { tasks: records(2), links: { next: `${API}/v2/tasks?cursor=abc&per_page=2000` } }]),
			)
			.get('/v2/tasks')
			.query({ cursor: 'abc', per_page: '2000' })
			.reply(503)
			.get('/v2/tasks')
			.query({ cursor: 'abc', per_page: '2000' })
			.reply(recordInto(log, clock, [200, { tasks: records(1, 3), links: { next: null } }]));
		const ctx = executeContext();

		const all = await harvestList.call(ctx, { path: '/tasks', listKey: 'tasks' });

		expect(all).toHaveLength(3);
		// Four requests went out (two failed); every one was signed the same way.
		expect(ctx.sent).toHaveLength(4);
		for (const sent of ctx.sent) {
			expect(sent.headers.Authorization).toBe(`Bearer ${TOKEN}`);
			expect(sent.headers['Harvest-Account-Id']).toBe(ACCOUNT);
			expect(String(sent.headers['User-Agent'])).toMatch(USER_AGENT);
		}
		expect(log).toHaveLength(2);
		for (const seen of log) expectHarvestHeaders(seen, TOKEN, ACCOUNT);
	});

	it('takes the account from the node parameter when it is set', async () => {
		const log: Seen[] = [];
		nock(API).get('/v2/users/me').times(2).reply(recordInto(log, clock, [200, { id: 1 }]));

		await harvestRequest.call(executeContext({ accountId: '999001' }), { method: 'GET', path: '/users/me' });
		await harvestRequest.call(executeContext({ accountId: '' }), { method: 'GET', path: '/users/me' });

		expect(log.map((s) => s.headers['harvest-account-id'])).toEqual(['999001', ACCOUNT]);
	});

	it('reads the account parameter per item', async () => {
		const log: Seen[] = [];
		nock(API).get('/v2/users/me').times(2).reply(recordInto(log, clock, [200, { id: 1 }]));
		const ctx = createExecuteContext({
			parameters: (i) => ({ accountId: i === 0 ? '700' : '800' }),
			items: [{ json: {} }, { json: {} }],
			credentials: patCredentials(),
		});

		await harvestRequest.call(ctx, { method: 'GET', path: '/users/me', itemIndex: 0 });
		await harvestRequest.call(ctx, { method: 'GET', path: '/users/me', itemIndex: 1 });

		expect(log.map((s) => s.headers['harvest-account-id'])).toEqual(['700', '800']);
	});

	it('applies the account parameter in load-options and poll contexts too', async () => {
		const log: Seen[] = [];
		nock(API).get('/v2/users/me').times(4).reply(recordInto(log, clock, [200, { id: 1 }]));
		const credentials = patCredentials();

		await harvestRequest.call(createLoadOptionsContext({ parameters: { accountId: '4242' }, credentials }), {
			method: 'GET',
			path: '/users/me',
		});
		await harvestRequest.call(createLoadOptionsContext({ parameters: {}, credentials }), { method: 'GET', path: '/users/me' });
		await harvestRequest.call(createPollContext({ parameters: { accountId: '4343' }, credentials }), {
			method: 'GET',
			path: '/users/me',
		});
		await harvestRequest.call(createPollContext({ parameters: {}, credentials }), { method: 'GET', path: '/users/me' });

		expect(log.map((s) => s.headers['harvest-account-id'])).toEqual(['4242', ACCOUNT, '4343', ACCOUNT]);
		for (const seen of log) {
			expect(seen.headers.authorization).toBe(`Bearer ${TOKEN}`);
			expect(seen.headers['user-agent']).toMatch(USER_AGENT);
		}
	});

	it('the credential declares the Bearer header through `authenticate`', () => {
		const credential = new HarvestAppApi();
		expect(credential.authenticate.type).toBe('generic');
		expect(credential.authenticate.properties.headers?.Authorization).toBe('=Bearer {{$credentials.accessToken}}');
	});

	it("the credential's test request names the package and a contact and the account", () => {
		const headers = new HarvestAppApi().test.request.headers as Record<string, string>;
		expect(headers['User-Agent']).toMatch(USER_AGENT);
		expect(headers['Harvest-Account-Id']).toBe('={{$credentials.accountId}}');
	});
});

describe('headers with the OAuth2 credential', () => {
	it('sends the OAuth access token as Bearer, with account and User-Agent', async () => {
		const log: Seen[] = [];
		nock(API).get('/v2/users/me').reply(recordInto(log, clock, [200, { id: 1 }]));

		await harvestRequest.call(executeContext({ authentication: 'oAuth2' }, oauthCredentials()), {
			method: 'GET',
			path: '/users/me',
		});

		expect(log).toHaveLength(1);
		expectHarvestHeaders(log[0], OAUTH.accessToken, ACCOUNT);
	});

	it('lets the node parameter override the OAuth credential account', async () => {
		const log: Seen[] = [];
		nock(API).get('/v2/users/me').reply(recordInto(log, clock, [200, { id: 1 }]));

		await harvestRequest.call(executeContext({ authentication: 'oAuth2', accountId: '31337' }, oauthCredentials()), {
			method: 'GET',
			path: '/users/me',
		});

		expectHarvestHeaders(log[0], OAUTH.accessToken, '31337');
	});
});

describe('the Harvest ID accounts request', () => {
	it('has Authorization and User-Agent but no Harvest-Account-Id', async () => {
		const log: Seen[] = [];
		nock(ID)
			.get('/api/v2/accounts')
			.reply(recordInto(log, clock, [200, { accounts: [{ id: 1, name: 'A', product: 'harvest' }] }]));

		await harvestAccounts.call(createLoadOptionsContext({ parameters: {}, credentials: patCredentials() }));

		expect(log).toHaveLength(1);
		expect(log[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(log[0].headers['user-agent']).toMatch(USER_AGENT);
		expect(log[0].headers).not.toHaveProperty('harvest-account-id');
	});
});
