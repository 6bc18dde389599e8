/**
 * Rules: the account list comes from `{idBase}/api/v2/accounts` (https://id.getharvest.com for Harvest's own API,
 * the same origin for a custom base URL) and keeps only product "harvest"; with no account id anywhere a single
 * Harvest account is used automatically and several are an error that lists them; `getAccounts` offers
 * "From Credential" first.
 */
import nock from 'nock';
import { NodeOperationError } from 'n8n-workflow';

import { getAccounts } from '../../nodes/shared/methods/accounts';
import { harvestAccounts, harvestRequest } from '../../nodes/shared/transport';
import {
	API,
	createLoadOptionsContext,
	executeContext,
	ID,
	OAUTH,
	oauthCredentials,
	patCredentials,
	recordInto,
	rejectionOf,
	TOKEN,
	useTransportFixture,
	type Seen,
} from './support';

const clock = useTransportFixture();

const ACCOUNTS_BODY = {
	user: { id: 1, first_name: 'Ada', last_name: 'L', email: 'ada@example.com' },
	accounts: [
		{ id: 2002, name: 'Zeta Studio', product: 'harvest', google_sign_in_required: false },
		{ id: 3003, name: 'Forecast Co', product: 'forecast', google_sign_in_required: false },
		{ id: 1001, name: 'Acme Ltd', product: 'harvest', google_sign_in_required: false },
	],
};

describe('harvestAccounts', () => {
	it('asks Harvest ID for the default API and returns only Harvest accounts', async () => {
		const log: Seen[] = [];
		nock(ID).get('/api/v2/accounts').reply(recordInto(log, clock, [200, ACCOUNTS_BODY]));

		const accounts = await harvestAccounts.call(createLoadOptionsContext({ parameters: {}, credentials: patCredentials() }));

		expect(log).toHaveLength(1);
		expect(log[0].path).toBe('/api/v2/accounts');
		expect(log[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(accounts).toEqual([
			{ id: 2002, name: 'Zeta Studio', product: 'harvest' },
			{ id: 1001, name: 'Acme Ltd', product: 'harvest' },
		]);
	});

	it.each([
		['a custom https base', 'https://harvest-proxy.example.com/v2', 'https://harvest-proxy.example.com'],
		['a custom base with a deeper path', 'https://gateway.example.com/harvest/v2/', 'https://gateway.example.com'],
		['a local sandbox', 'http://127.0.0.1:4010/v2', 'http://127.0.0.1:4010'],
	])('uses the same origin for %s', async (_label, baseUrl, origin) => {
		const log: Seen[] = [];
		nock(origin).get('/api/v2/accounts').reply(recordInto(log, clock, [200, ACCOUNTS_BODY]));
		const harvestId = nock(ID).get('/api/v2/accounts').reply(200, ACCOUNTS_BODY);

		const accounts = await harvestAccounts.call(
			createLoadOptionsContext({ parameters: {}, credentials: patCredentials({ baseUrl }) }),
		);

		expect(log).toHaveLength(1);
		expect(harvestId.isDone()).toBe(false);
		expect(accounts.map((a) => a.id)).toEqual([2002, 1001]);
	});

	it('uses the OAuth2 credential when the node authenticates with OAuth2', async () => {
		const log: Seen[] = [];
		nock(ID).get('/api/v2/accounts').reply(recordInto(log, clock, [200, ACCOUNTS_BODY]));

		await harvestAccounts.call(
			createLoadOptionsContext({ parameters: { authentication: 'oAuth2' }, credentials: oauthCredentials() }),
		);

		expect(log[0].headers.authorization).toBe(`Bearer ${OAUTH.accessToken}`);
	});

	it('waits out a 429 from Harvest ID and retries', async () => {
		const log: Seen[] = [];
		nock(ID)
			.get('/api/v2/accounts')
			.reply(recordInto(log, clock, [429, '', { 'Retry-After': '2' }]))
			.get('/api/v2/accounts')
			.reply(recordInto(log, clock, [200, ACCOUNTS_BODY]));

		const accounts = await harvestAccounts.call(createLoadOptionsContext({ parameters: {}, credentials: patCredentials() }));

		expect(accounts).toHaveLength(2);
		expect(log[1].at - log[0].at).toBe(2000);
	});
});

describe('choosing the account automatically', () => {
	it('uses the only Harvest account when neither the node nor the credential names one', async () => {
		const log: Seen[] = [];
		nock(ID)
			.get('/api/v2/accounts')
			.reply(
				recordInto(log, clock, [
					200,
					{ accounts: [{ id: 5005, name: 'Solo', product: 'harvest' }, { id: 6006, name: 'Plan', product: 'forecast' }] },
				]),
			);
		nock(API).get('/v2/users/me').times(2).reply(recordInto(log, clock, [200, { id: 1 }]));
		const ctx = executeContext({}, patCredentials({ accountId: '' }));

		await harvestRequest.call(ctx, { method: 'GET', path: '/users/me' });
		await harvestRequest.call(ctx, { method: 'GET', path: '/users/me' });

		expect(log.map((s) => s.path)).toEqual(['/api/v2/accounts', '/v2/users/me', '/v2/users/me']);
		expect(log[1].headers['harvest-account-id']).toBe('5005');
		expect(log[2].headers['harvest-account-id']).toBe('5005');
	});

	it('does not look the accounts up when the credential names one', async () => {
		const harvestId = nock(ID).get('/api/v2/accounts').reply(200, ACCOUNTS_BODY);
		nock(API).get('/v2/users/me').reply(200, { id: 1 });

		await harvestRequest.call(executeContext(), { method: 'GET', path: '/users/me' });

		expect(harvestId.isDone()).toBe(false);
	});

	it('refuses to guess among several Harvest accounts and lists them', async () => {
		nock(ID).get('/api/v2/accounts').reply(200, ACCOUNTS_BODY);
		const api = nock(API).get(/.*/).reply(200, {});
		const ctx = executeContext({ authentication: 'oAuth2' }, oauthCredentials({ accountId: '' }));

		const error = await rejectionOf(harvestRequest.call(ctx, { method: 'GET', path: '/users/me' }));

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/account/i);
		const description = String((error as unknown as NodeOperationError).description);
		expect(description).toContain('Zeta Studio');
		expect(description).toContain('2002');
		expect(description).toContain('Acme Ltd');
		expect(description).toContain('1001');
		expect(description).not.toContain('Forecast Co');
		expect(api.isDone()).toBe(false);
		expect(ctx.sent.map((r) => r.url)).toEqual([`${ID}/api/v2/accounts`]);
	});

	it('reports a token that reaches no Harvest account', async () => {
		nock(ID)
			.get('/api/v2/accounts')
			.reply(200, { accounts: [{ id: 3003, name: 'Forecast Co', product: 'forecast' }] });

		const error = await rejectionOf(
			harvestRequest.call(executeContext({}, patCredentials({ accountId: '' })), { method: 'GET', path: '/users/me' }),
		);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(String((error as unknown as NodeOperationError).description)).toMatch(/no Harvest account/);
	});
});

describe('getAccounts (load options)', () => {
	it('offers "From Credential" first, then the Harvest accounts by name', async () => {
		nock(ID).get('/api/v2/accounts').reply(200, ACCOUNTS_BODY);

		const options = await getAccounts.call(createLoadOptionsContext({ parameters: {}, credentials: patCredentials() }));

		expect(options[0]).toMatchObject({ name: 'From Credential', value: '' });
		expect(options.slice(1)).toEqual([
			{ name: 'Acme Ltd (1001)', value: '1001' },
			{ name: 'Zeta Studio (2002)', value: '2002' },
		]);
	});
});
