import { startSandbox, type Sandbox } from '../index';
import { api, request, UA } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ seed: 91, records: 100, rateLimits: false });
});
afterAll(() => sb.close());

const INVALID = {
	error: 'invalid_token',
	error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
};

test('no User-Agent → 400 with a JSON body saying so (before anything else)', async () => {
	const res = await request(`${sb.url}/users/me`, { headers: { Authorization: `Bearer ${sb.token}`, 'Harvest-Account-Id': sb.accountId } });
	expect(res.status).toBe(400);
	expect(res.headers['content-type']).toMatch(/application\/json/);
	expect(res.json.message).toMatch(/User-Agent/);
	expect((await request(`${sb.url}/users/me`)).status).toBe(400);
});

test.each([
	['no Authorization', { 'Harvest-Account-Id': 'ACCOUNT' }],
	['an unknown token', { Authorization: 'Bearer nope', 'Harvest-Account-Id': 'ACCOUNT' }],
	['a non-Bearer scheme', { Authorization: 'Token TOKEN', 'Harvest-Account-Id': 'ACCOUNT' }],
	['no Harvest-Account-Id', { Authorization: 'Bearer TOKEN' }],
	['a malformed Harvest-Account-Id', { Authorization: 'Bearer TOKEN', 'Harvest-Account-Id': 'abc' }],
])('%s → 401 invalid_token', async (_name, headers) => {
	const filled = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('ACCOUNT', sb.accountId).replace('TOKEN', sb.token)]));
	const res = await request(`${sb.url}/clients`, { headers: { 'User-Agent': UA, ...filled } });
	expect(res.status).toBe(401);
	expect(res.json).toEqual(INVALID);
});

test('an account the token cannot use, or a Forecast account → 403', async () => {
	const forecast = sb.accounts.find((a) => a.product === 'forecast') as { id: number };
	for (const account of ['1', String(forecast.id)]) {
		const res = await api(sb, 'GET', '/clients', { accountId: account });
		expect(res.status).toBe(403);
		expect(res.json.message).toMatch(/account/);
	}
});

test('one token, two Harvest accounts with their own data', async () => {
	const harvest = sb.accounts.filter((a) => a.product === 'harvest');
	expect(harvest).toHaveLength(2);
	expect(String(harvest[0].id)).toBe(sb.accountId);
	const second = String(harvest[1].id);
	const a = await api(sb, 'GET', '/company');
	const b = await api(sb, 'GET', '/company', { accountId: second });
	expect([a.json.name, b.json.name]).toEqual([harvest[0].name, harvest[1].name]);
	const created = await api(sb, 'POST', '/clients', { accountId: second, json: { name: 'Only in the second account' } });
	expect(created.status).toBe(201);
	expect((await api(sb, 'GET', `/clients/${created.json.id}`, { accountId: second })).status).toBe(200);
	expect((await api(sb, 'GET', `/clients/${created.json.id}`)).status).toBe(404);
	const firstAccountClient = sb.store.account().clients.sorted()[0].id;
	expect((await api(sb, 'GET', `/clients/${firstAccountClient}`, { accountId: second })).status).toBe(404);
});

test('query-string auth (access_token, account_id) works like the headers', async () => {
	const res = await request(`${sb.url}/users/me?access_token=${sb.token}&account_id=${sb.accountId}`, { headers: { 'User-Agent': UA } });
	expect(res.status).toBe(200);
	expect(res.json.email).toBe('alex.morgan@example.com');
	const list = await request(`${sb.url}/clients?per_page=2&access_token=${sb.token}&account_id=${sb.accountId}`, { headers: { 'User-Agent': UA } });
	// Credentials are never copied into the pagination links.
	expect(list.json.links.next).not.toMatch(/access_token|account_id/);
});

test('GET /api/v2/accounts lists the accounts of the token, without an account header', async () => {
	const res = await request(`${sb.idUrl}/api/v2/accounts`, { headers: { 'User-Agent': UA, Authorization: `Bearer ${sb.token}` } });
	expect(res.status).toBe(200);
	expect(res.json).toEqual({
		user: { id: expect.any(Number), first_name: 'Alex', last_name: 'Morgan', email: 'alex.morgan@example.com' },
		accounts: sb.accounts.map((a) => ({ ...a, google_sign_in_required: false })),
	});
	expect((await request(`${sb.idUrl}/api/v2/accounts`, { headers: { 'User-Agent': UA, Authorization: 'Bearer wrong' } })).status).toBe(401);
	expect((await request(`${sb.idUrl}/api/v2/accounts`, { headers: { Authorization: `Bearer ${sb.token}` } })).status).toBe(400);
});
