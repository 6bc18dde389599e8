/**
 * Rule: with OAuth2, a 401 reaches n8n's request helper, which refreshes the token and repeats the request with
 * the new token; the transport does not swallow the 401 or retry it on its own.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { harvestList, harvestRequest } from '../../nodes/shared/transport';
import {
	API,
	executeContext,
	ID,
	OAUTH,
	oauthCredentials,
	recordInto,
	records,
	rejectionOf,
	useTransportFixture,
	type Seen,
} from './support';

const clock = useTransportFixture();

const EXPIRED = {
	error: 'invalid_token',
	error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
};

describe('OAuth2 token refresh', () => {
	it('a 401 triggers a refresh and the repeated request carries the new token', async () => {
		const api: Seen[] = [];
		const token: Seen[] = [];
		nock(API)
			.get('/v2/users/me')
			.reply(recordInto(api, clock, [401, EXPIRED]))
			.get('/v2/users/me')
			.reply(recordInto(api, clock, [200, { id: 77 }]));
		nock(ID)
			.post('/api/v2/oauth2/token')
			.reply(
				recordInto(token, clock, [
					200,
					{ access_token: OAUTH.newAccessToken, refresh_token: 'next-refresh-token', token_type: 'bearer', expires_in: 64799 },
				]),
			);
		const credentials = oauthCredentials();

		const result = await harvestRequest.call(executeContext({ authentication: 'oAuth2' }, credentials), {
			method: 'GET',
			path: '/users/me',
		});

		expect(result).toEqual({ id: 77 });
		expect(api.map((s) => s.headers.authorization)).toEqual([`Bearer ${OAUTH.accessToken}`, `Bearer ${OAUTH.newAccessToken}`]);
		expect(api[1].headers['harvest-account-id']).toBe(api[0].headers['harvest-account-id']);
		expect(token).toHaveLength(1);
		const form = new URLSearchParams(String(token[0].body));
		expect(form.get('grant_type')).toBe('refresh_token');
		expect(form.get('refresh_token')).toBe(OAUTH.refreshToken);
		expect(((credentials.harvestAppOAuth2Api.oauthTokenData ?? {}) as IDataObject).access_token).toBe(OAUTH.newAccessToken);
	});

	it('the next page of a list after a refresh uses the new token', async () => {
		const api: Seen[] = [];
		nock(API)
			.get('/v2/projects')
			.query(true)
			.reply(recordInto(api, clock, [200, { projects: records(2), links: { next: `${API}/v2/projects?cursor=c2&per_page=2000` } }]))
			.get('/v2/projects')
			.query({ cursor: 'c2', per_page: '2000' })
			.reply(recordInto(api, clock, [401, EXPIRED]))
			.get('/v2/projects')
			.query({ cursor: 'c2', per_page: '2000' })
			.reply(recordInto(api, clock, [200, { projects: records(1, 3), links: { next: null } }]));
		nock(ID).post('/api/v2/oauth2/token').reply(200, { access_token: OAUTH.newAccessToken, token_type: 'bearer' });

		const all = await harvestList.call(executeContext({ authentication: 'oAuth2' }, oauthCredentials()), {
			path: '/projects',
			listKey: 'projects',
		});

		expect(all.map((r) => r.id)).toEqual([1, 2, 3]);
		expect(api.map((s) => s.headers.authorization)).toEqual([
			`Bearer ${OAUTH.accessToken}`,
			`Bearer ${OAUTH.accessToken}`,
			`Bearer ${OAUTH.newAccessToken}`,
		]);
	});

	it('without a refresh token the 401 surfaces as a NodeApiError after one request', async () => {
		const api: Seen[] = [];
		nock(API).get('/v2/users/me').times(3).reply(recordInto(api, clock, [401, EXPIRED]));
		const token = nock(ID).post('/api/v2/oauth2/token').reply(200, { access_token: 'never' });

		const error = await rejectionOf(
			harvestRequest.call(
				executeContext(
					{ authentication: 'oAuth2' },
					oauthCredentials({ oauthTokenData: { access_token: OAUTH.accessToken, token_type: 'bearer' } }),
				),
				{ method: 'GET', path: '/users/me' },
			),
		);

		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as unknown as NodeApiError).httpCode).toBe('401');
		expect(api).toHaveLength(1);
		expect(token.isDone()).toBe(false);
		expect(clock().sleeps).toEqual([]);
	});

	it('a personal access token gets no refresh: one request, 401 error', async () => {
		const api: Seen[] = [];
		nock(API).get('/v2/users/me').times(3).reply(recordInto(api, clock, [401, EXPIRED]));
		const token = nock(ID).post('/api/v2/oauth2/token').reply(200, { access_token: 'never' });

		const error = await rejectionOf(harvestRequest.call(executeContext(), { method: 'GET', path: '/users/me' }));

		expect((error as unknown as NodeApiError).httpCode).toBe('401');
		expect(api).toHaveLength(1);
		expect(token.isDone()).toBe(false);
	});
});
