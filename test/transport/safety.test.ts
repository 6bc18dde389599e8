/**
 * Failures that are not Harvest's: redirects (the token must not follow one), n8n's own errors (no retry, no
 * misleading "connection failed"), cancelled executions (no waiting on), and lists whose `links.next` drops
 * the filters of the first request.
 */
import nock from 'nock';
import { NodeApiError, NodeOperationError, type IHttpRequestOptions, type JsonObject } from 'n8n-workflow';

import { harvestList, harvestRequest } from '../../nodes/shared/transport';
import { PACKAGE_VERSION, USER_AGENT } from '../../nodes/shared/transport/connection';
import { HarvestAppApi } from '../../credentials/HarvestAppApi.credentials';
import { API, ID, executeContext, oauthCredentials, rejectionOf, useTransportFixture } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const packageJson = require('../../package.json') as { version: string };

describe('transport safety', () => {
	const clock = useTransportFixture();

	it('does not follow a redirect, so the token never reaches another host', async () => {
		const elsewhere = nock('https://elsewhere.example').get(/.*/).reply(200, { id: 1 });
		nock(API).get('/v2/users/me').reply(302, '', { Location: 'https://elsewhere.example/steal?x=1' });

		const error = await rejectionOf(harvestRequest.call(executeContext(), { method: 'GET', path: '/users/me' }));

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('redirect (302) to https://elsewhere.example/steal');
		expect(elsewhere.isDone()).toBe(false);
	});

	it("passes n8n's own errors on once, without retries or a made-up network message", async () => {
		const ctx = executeContext();
		let calls = 0;
		ctx.helpers.httpRequestWithAuthentication = (async () => {
			calls++;
			throw new NodeApiError(
				ctx.getNode(),
				new NodeOperationError(ctx.getNode(), 'The credential needs to be reconnected') as unknown as JsonObject,
			);
		}) as typeof ctx.helpers.httpRequestWithAuthentication;

		for (const method of ['GET', 'POST'] as const) {
			calls = 0;
			const error = await rejectionOf(harvestRequest.call(ctx, { method, path: '/clients', body: method === 'POST' ? { name: 'x' } : undefined }));
			expect(calls).toBe(1);
			expect(error.message).toContain('reconnected');
			expect(JSON.stringify(error.description ?? '')).not.toContain('may or may not');
		}
		expect(clock().sleeps).toEqual([]);
	});

	it('stops waiting as soon as the execution is cancelled', async () => {
		const controller = new AbortController();
		const ctx = Object.assign(executeContext(), { getExecutionCancelSignal: () => controller.signal });
		nock(API).get('/v2/reports/uninvoiced').query(true).reply(429, '', { 'Retry-After': '600' });
		clock().onSleep = () => controller.abort();

		const error = await rejectionOf(
			harvestRequest.call(ctx, { method: 'GET', path: '/reports/uninvoiced', qs: { from: '2025-01-01', to: '2025-01-31' } }),
		);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('cancelled');
	});

	it('adds back filters that links.next leaves out, and keeps the ones it carries as given', async () => {
		const seen: string[] = [];
		nock(API)
			.get('/v2/time_entries')
			.query(true)
			.times(3)
			.reply(function (uri) {
				seen.push(uri);
				const page = Number(new URL(uri, API).searchParams.get('page') ?? 1);
				const next = page === 1 ? `${API}/v2/time_entries?page=2` : page === 2 ? `${API}/v2/time_entries?page=3&user_id=9&per_page=2000` : null;
				return [200, { time_entries: [{ id: page }], links: { next } }];
			});

		const records = await harvestList.call(executeContext(), {
			path: '/time_entries',
			listKey: 'time_entries',
			qs: { user_id: 7, is_running: false },
		});

		expect(records.map((r) => r.id)).toEqual([1, 2, 3]);
		const page2 = new URL(seen[1], API).searchParams;
		expect(Object.fromEntries(page2)).toEqual({ page: '2', user_id: '7', is_running: 'false', per_page: '2000' });
		const page3 = new URL(seen[2], API).searchParams;
		expect(page3.get('user_id')).toBe('9');
		expect(page3.get('is_running')).toBe('false');
	});

	it('looks the only account up once, not on every call', async () => {
		const accounts = nock(ID)
			.get('/api/v2/accounts')
			.reply(200, { accounts: [{ id: 555, name: 'Only', product: 'harvest' }] });
		const api = nock(API).get('/v2/users/me').times(2).matchHeader('Harvest-Account-Id', '555').reply(200, { id: 1 });
		const credentials = oauthCredentials({ accountId: '' });

		await harvestRequest.call(executeContext({ authentication: 'oAuth2' }, credentials), { method: 'GET', path: '/users/me' });
		await harvestRequest.call(executeContext({ authentication: 'oAuth2' }, credentials), { method: 'GET', path: '/users/me' });

		expect(accounts.isDone()).toBe(true);
		expect(api.isDone()).toBe(true);
	});

	it('names the package version it ships with, once, for the node and the credential test', () => {
		expect(PACKAGE_VERSION).toBe(packageJson.version);
		const test = new HarvestAppApi().test.request as IHttpRequestOptions;
		expect(test.headers?.['User-Agent']).toBe(USER_AGENT);
	});
});
