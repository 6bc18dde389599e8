import { startSandbox, type Sandbox } from '../index';
import { api, request, UA } from './helpers';

let sb: Sandbox;
const REDIRECT = 'https://app.example.com/oauth/callback';

beforeAll(async () => {
	sb = await startSandbox({ seed: 101, records: 50, rateLimits: false, accessTokenTtlSeconds: 600 });
});
afterAll(() => sb.close());
afterEach(() => sb.setClockOffset(0));

/** What a browser does: load the page, submit its form. */
async function authorize(query: Record<string, string>): Promise<URL> {
	const params = new URLSearchParams({ client_id: sb.oauth.clientId, response_type: 'code', redirect_uri: REDIRECT, state: 'xyz', ...query });
	const page = await request(`${sb.idUrl}/oauth2/authorize?${params}`);
	expect(page.status).toBe(200);
	expect(page.headers['content-type']).toMatch(/text\/html/);
	const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(page.text);
	expect(form).not.toBeNull();
	expect(page.text).toMatch(/<button[^>]*>Authorize<\/button>/);
	const fields = new URLSearchParams();
	for (const m of (form as RegExpExecArray)[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(m[1], m[2].replace(/&amp;/g, '&'));
	fields.set('decision', 'allow');
	const submit = await request(`${sb.idUrl}${(form as RegExpExecArray)[1]}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: fields.toString(),
	});
	expect(submit.status).toBe(302);
	return new URL(submit.headers.location as string);
}

function token(body: Record<string, string>, opts: { json?: boolean; basic?: boolean } = {}) {
	const fields = { ...body };
	const headers: Record<string, string> = { 'User-Agent': UA };
	if (opts.basic) {
		headers.Authorization = `Basic ${Buffer.from(`${sb.oauth.clientId}:${sb.oauth.clientSecret}`).toString('base64')}`;
	} else Object.assign(fields, { client_id: sb.oauth.clientId, client_secret: sb.oauth.clientSecret });
	headers['Content-Type'] = opts.json ? 'application/json' : 'application/x-www-form-urlencoded';
	return request(`${sb.idUrl}/api/v2/oauth2/token`, { method: 'POST', headers, body: opts.json ? JSON.stringify(fields) : new URLSearchParams(fields).toString() });
}

test('authorization code flow: page → Authorize → redirect with code, state and scope → tokens that reach the API', async () => {
	const back = await authorize({});
	expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
	expect(back.searchParams.get('state')).toBe('xyz');
	expect(back.searchParams.get('scope')).toBe('harvest:all');
	const code = back.searchParams.get('code') as string;
	const res = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
	expect(res.status).toBe(200);
	expect(res.json).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'bearer', expires_in: 600 });
	const me = await api(sb, 'GET', '/users/me', { token: res.json.access_token });
	expect(me.status).toBe(200);
	const second = sb.accounts.filter((a) => a.product === 'harvest')[1];
	expect((await api(sb, 'GET', '/company', { token: res.json.access_token, accountId: String(second.id) })).status).toBe(200);
	const accounts = await request(`${sb.idUrl}/api/v2/accounts`, { headers: { 'User-Agent': UA, Authorization: `Bearer ${res.json.access_token}` } });
	expect(accounts.json.accounts.map((a: any) => a.product)).toEqual(['harvest', 'harvest']);
	// A code works once.
	const reuse = await token({ grant_type: 'authorization_code', code });
	expect(reuse.status).toBe(400);
	expect(reuse.json.error).toBe('invalid_grant');
});

test('JSON bodies and HTTP Basic client credentials are accepted', async () => {
	const a = await authorize({});
	expect((await token({ grant_type: 'authorization_code', code: a.searchParams.get('code') as string }, { json: true })).status).toBe(200);
	const b = await authorize({});
	expect((await token({ grant_type: 'authorization_code', code: b.searchParams.get('code') as string }, { basic: true })).status).toBe(200);
});

test('access tokens expire on the server clock; the refresh token rotates', async () => {
	const back = await authorize({ scope: 'all' });
	expect(back.searchParams.get('scope')).toBe('all');
	const first = (await token({ grant_type: 'authorization_code', code: back.searchParams.get('code') as string })).json;
	sb.setClockOffset(601);
	const expired = await api(sb, 'GET', '/users/me', { token: first.access_token });
	expect(expired.status).toBe(401);
	expect(expired.json.error).toBe('invalid_token');
	const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
	expect(refreshed.status).toBe(200);
	expect(refreshed.json.refresh_token).not.toBe(first.refresh_token);
	expect((await api(sb, 'GET', '/users/me', { token: refreshed.json.access_token })).status).toBe(200);
	// The used refresh token is spent; the new one works.
	const replay = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
	expect(replay.status).toBe(400);
	expect(replay.json).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
	expect((await token({ grant_type: 'refresh_token', refresh_token: refreshed.json.refresh_token })).status).toBe(200);
	// The personal access token never expires.
	expect((await api(sb, 'GET', '/users/me')).status).toBe(200);
});

test('RFC 6749 errors: wrong secret, unknown grant type, missing code', async () => {
	const wrong = await request(`${sb.idUrl}/api/v2/oauth2/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x', client_id: sb.oauth.clientId, client_secret: 'wrong' }).toString(),
	});
	expect(wrong.status).toBe(401);
	expect(wrong.json.error).toBe('invalid_client');
	expect((await token({ grant_type: 'password' })).json.error).toBe('unsupported_grant_type');
	expect((await token({ grant_type: 'authorization_code' })).json.error).toBe('invalid_request');
	expect((await token({ grant_type: 'authorization_code', code: 'made-up' })).json.error).toBe('invalid_grant');
});

test('deny, unknown client and scoped grants', async () => {
	const params = new URLSearchParams({ client_id: sb.oauth.clientId, response_type: 'code', redirect_uri: REDIRECT, state: 's1', decision: 'deny' });
	const denied = await request(`${sb.idUrl}/oauth2/authorize`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: params.toString() });
	expect(denied.status).toBe(302);
	const loc = new URL(denied.headers.location as string);
	expect([loc.searchParams.get('error'), loc.searchParams.get('state')]).toEqual(['access_denied', 's1']);
	expect((await request(`${sb.idUrl}/oauth2/authorize?client_id=nobody&response_type=code&redirect_uri=${REDIRECT}`)).status).toBe(400);
	const one = await authorize({ scope: `harvest:${sb.accountId}` });
	const tokens = (await token({ grant_type: 'authorization_code', code: one.searchParams.get('code') as string })).json;
	const second = sb.accounts.filter((a) => a.product === 'harvest')[1];
	expect((await api(sb, 'GET', '/company', { token: tokens.access_token })).status).toBe(200);
	expect((await api(sb, 'GET', '/company', { token: tokens.access_token, accountId: String(second.id) })).status).toBe(403);
});

test('implicit flow (response_type=token) returns the token in the fragment', async () => {
	const back = await authorize({ response_type: 'token' });
	const fragment = new URLSearchParams(back.hash.slice(1));
	expect(fragment.get('token_type')).toBe('bearer');
	expect((await api(sb, 'GET', '/users/me', { token: fragment.get('access_token') as string })).status).toBe(200);
});
