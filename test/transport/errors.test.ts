/**
 * Rules: HTTP failures become NodeApiError with `httpCode` and Harvest's own message (422 `message`, 401
 * `error_description`), a 404 names what was not found, `itemIndex` is passed through, and no secret (token,
 * OAuth access/refresh token, client secret) ever appears in the error, even when Harvest echoes it.
 */
import { inspect } from 'util';

import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { harvestRequest, type HarvestRequest } from '../../nodes/shared/transport';
import type { CredentialData } from '../helpers/context';
import { describeTarget } from '../../nodes/shared/transport/errors';
import {
	API,
	executeContext,
	ID,
	netError,
	OAUTH,
	oauthCredentials,
	rejectionOf,
	TOKEN,
	useTransportFixture,
} from './support';

useTransportFixture();

async function failure(request: HarvestRequest, parameters: IDataObject = {}, credentials?: CredentialData): Promise<NodeApiError> {
	const error = await rejectionOf(harvestRequest.call(executeContext(parameters, credentials), request));
	expect(error).toBeInstanceOf(NodeApiError);
	return error as unknown as NodeApiError;
}

/** Every place an error's text can surface: message, description, JSON and a deep inspection. */
function everyText(error: NodeApiError): string[] {
	return [
		error.message,
		String(error.description ?? ''),
		JSON.stringify(error),
		JSON.stringify(error.messages ?? []),
		JSON.stringify(error.errorResponse ?? {}),
		inspect(error, { depth: null, showHidden: false }),
	];
}

function expectNoSecret(error: NodeApiError, secrets: string[]): void {
	for (const text of everyText(error)) for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('Harvest’s message and status', () => {
	it('422 carries `message` and httpCode 422', async () => {
		nock(API).post('/v2/clients').reply(422, { message: 'Name has already been taken' });

		const error = await failure({ method: 'POST', path: '/clients', body: { name: 'Acme' } });

		expect(error.httpCode).toBe('422');
		expect(error.message).toContain('Name has already been taken');
	});

	it('401 carries `error_description` and httpCode 401', async () => {
		nock(API).get('/v2/users/me').reply(401, {
			error: 'invalid_token',
			error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
		});

		const error = await failure({ method: 'GET', path: '/users/me' });

		expect(error.httpCode).toBe('401');
		expect(error.message).toContain('The access token provided is expired, revoked, malformed or invalid for other reasons.');
	});

	it('403 carries Harvest’s message and httpCode 403', async () => {
		nock(API).get('/v2/users').reply(403, { message: 'You do not have permission to view users' });

		const error = await failure({ method: 'GET', path: '/users' });

		expect(error.httpCode).toBe('403');
		expect(error.message).toContain('You do not have permission to view users');
	});

	it('400 carries Harvest’s message and httpCode 400', async () => {
		nock(API).get('/v2/users/me').reply(400, { message: 'Missing User-Agent header' });

		const error = await failure({ method: 'GET', path: '/users/me' });

		expect(error.httpCode).toBe('400');
		expect(error.message).toContain('Missing User-Agent header');
	});

	it.each([
		['/projects/7/user_assignments/99', 'User assignment 99 of project 7 was not found'],
		['/time_entries/5', 'Time entry 5 was not found'],
		['/expense_categories/3', 'Expense category 3 was not found'],
		['/invoices/12/messages/8', 'Message 8 of invoice 12 was not found'],
	])('404 on %s says "%s"', async (path, text) => {
		nock(API).get(`/v2${path}`).reply(404, { status: 404, error: 'Not Found' });

		const error = await failure({ method: 'GET', path });

		expect(error.httpCode).toBe('404');
		expect(error.message).toBe(text);
	});

	it('404 on a DELETE names the target too', async () => {
		nock(API).delete('/v2/projects/7/user_assignments/99').reply(404, '');

		const error = await failure({ method: 'DELETE', path: '/projects/7/user_assignments/99' });

		expect(error.message).toBe('User assignment 99 of project 7 was not found');
	});

	it('a 5xx read that kept failing says so with its status', async () => {
		nock(API).get('/v2/clients/1').times(5).reply(502, '');

		const error = await failure({ method: 'GET', path: '/clients/1' });

		expect(error.httpCode).toBe('502');
		expect(error.message).toMatch(/server error \(502\)/);
	});

	it('passes itemIndex through', async () => {
		nock(API).patch('/v2/tasks/3').reply(422, { message: 'Name is too long' });

		const error = await failure({ method: 'PATCH', path: '/tasks/3', body: { name: 'x' }, itemIndex: 4 });

		expect(error.context.itemIndex).toBe(4);
	});

	it('describeTarget turns nested paths into words', () => {
		expect(describeTarget('/projects/7/user_assignments/99')).toBe('User assignment 99 of project 7');
		expect(describeTarget('/users/me')).toBeUndefined();
	});
});

describe('no secret in errors', () => {
	it('the personal access token is absent even when Harvest echoes it (401)', async () => {
		nock(API)
			.get('/v2/users/me')
			.reply(401, { error: 'invalid_token', error_description: `Token ${TOKEN} is expired` });

		const error = await failure({ method: 'GET', path: '/users/me' });

		expect(error.message).toContain('is expired');
		expectNoSecret(error, [TOKEN]);
	});

	it('the personal access token is absent when a 422 message echoes it', async () => {
		nock(API).post('/v2/contacts').reply(422, { message: `bad field; Authorization: Bearer ${TOKEN}` });

		const error = await failure({ method: 'POST', path: '/contacts', body: { first_name: 'A' } });

		expect(error.httpCode).toBe('422');
		expectNoSecret(error, [TOKEN]);
	});

	it('the token is absent from errors of network failures', async () => {
		nock(API)
			.post('/v2/clients')
			.replyWithError(netError('ECONNRESET', `socket hang up while sending Bearer ${TOKEN}`));

		const error = await failure({ method: 'POST', path: '/clients', body: { name: 'A' } });

		expectNoSecret(error, [TOKEN]);
	});

	it('OAuth access token, refresh token and client secret are absent', async () => {
		nock(API)
			.get('/v2/company')
			.reply(403, {
				message: `denied for ${OAUTH.accessToken} (refresh ${OAUTH.refreshToken}, secret ${OAUTH.clientSecret})`,
			});

		const error = await failure({ method: 'GET', path: '/company' }, { authentication: 'oAuth2' }, oauthCredentials());

		expect(error.httpCode).toBe('403');
		expect(error.message).toContain('denied for');
		expectNoSecret(error, [OAUTH.accessToken, OAUTH.refreshToken, OAUTH.clientSecret]);
	});

	it('an OAuth access token obtained by a refresh during the run is absent too', async () => {
		nock(API)
			.get('/v2/company')
			.reply(401, { error: 'invalid_token', error_description: 'expired' })
			.get('/v2/company')
			.reply(422, { message: `nope for ${OAUTH.newAccessToken}` });
		nock(ID)
			.post('/api/v2/oauth2/token')
			.reply(200, { access_token: OAUTH.newAccessToken, refresh_token: OAUTH.refreshToken, token_type: 'bearer', expires_in: 64799 });

		const error = await failure({ method: 'GET', path: '/company' }, { authentication: 'oAuth2' }, oauthCredentials());

		// The secrets are collected when the connection opens (index.ts openConnection) and not refreshed.
		expect(error.httpCode).toBe('422');
		expectNoSecret(error, [OAUTH.newAccessToken, OAUTH.accessToken, OAUTH.refreshToken]);
	});
});
