import nock from 'nock';

import { API, refusal, run } from './support';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const call = { resource: 'customApiCall', operation: 'request' };

describe('custom API call', () => {
	it('sends a GET below /v2 with query parameters and returns the body as one item', async () => {
		nock(API).get('/v2/users/me').query({ a: '1' }).reply(200, { id: 7 });
		const { items } = await run({ ...call, method: 'GET', path: '/users/me', queryParameters: { parameter: [{ name: 'a', value: '1' }] } });
		expect(items).toEqual([{ json: { id: 7 }, pairedItem: { item: 0 } }]);
	});

	it('sends a JSON body with POST and PATCH', async () => {
		let body: unknown;
		nock(API)
			.post('/v2/clients', (b) => ((body = b), true))
			.reply(201, { id: 1 });
		await run({ ...call, method: 'POST', path: 'clients', jsonBody: '{"name":"Acme"}' });
		expect(body).toEqual({ name: 'Acme' });
	});

	it('accepts an absolute URL on the configured host', async () => {
		nock(API).get('/v2/company').reply(200, { name: 'Co' });
		const { items } = await run({ ...call, method: 'GET', path: `${API}/v2/company` });
		expect(items[0].json).toEqual({ name: 'Co' });
	});

	it('follows every page of a catalogued list, one item per record', async () => {
		nock(API)
			.get('/v2/projects/5/user_assignments')
			.query({ per_page: '2000' })
			.reply(200, { user_assignments: [{ id: 1 }], links: { next: `${API}/v2/projects/5/user_assignments?page=2&per_page=2000` } })
			.get('/v2/projects/5/user_assignments')
			.query({ page: '2', per_page: '2000' })
			.reply(200, { user_assignments: [{ id: 2 }], links: { next: null } });
		const { items } = await run({ ...call, method: 'GET', path: '/projects/5/user_assignments', followPages: true });
		expect(items.map((i) => i.json.id)).toEqual([1, 2]);
	});

	it('follows pages of an unknown list using the envelope’s only array', async () => {
		nock(API)
			.get('/v2/future_things')
			.query({ per_page: '2000' })
			.reply(200, { future_things: [{ id: 1 }], links: { next: `${API}/v2/future_things?cursor=abc` } })
			.get('/v2/future_things')
			.query(true)
			.reply(200, { future_things: [{ id: 2 }], links: { next: null } });
		const { items } = await run({ ...call, method: 'GET', path: '/future_things', followPages: true });
		expect(items.map((i) => i.json.id)).toEqual([1, 2]);
	});

	it.each([
		['https://evil.example.com/v2/users/me', /Requests may only go to the configured Harvest host/],
		['http://api.harvestapp.com/v2/users/me', /configured Harvest host/],
		['/users/../../admin', /contains "\." or "\.\." segments/],
		['/users/%2e%2e/%2e%2e/x', /contains "\." or "\.\." segments/],
		[`${API}/v1/users`, /Requests may only go below \/v2/],
		['//evil.example.com/v2/x', /configured Harvest host/],
	])('refuses %s before sending anything', async (path, message) => {
		const { error, sent } = await refusal({ ...call, method: 'GET', path });
		expect(error.message).toMatch(/^The parameter "Path" is refused: /);
		expect(error.message).toMatch(message);
		expect(sent).toHaveLength(0);
	});

	it('names the item whose path is refused and sends nothing for it', async () => {
		nock(API).get('/v2/users/me').reply(200, { id: 7 });
		const paths = ['/users/me', 'https://evil.example.com/v2/users/me'];
		const { error, sent } = await refusal((i) => ({ ...call, method: 'GET', path: paths[i] }), { items: [{ json: {} }, { json: {} }] });
		expect(error.message).toMatch(/^The parameter "Path" is refused: Requests may only go to the configured Harvest host .* \[item 1\]$/);
		expect(error.description).toMatch(/never sent there/);
		expect(sent.map((r) => r.url)).toEqual([`${API}/v2/users/me`]);
	});

	it('refuses a credential whose API base is not https before sending anything', async () => {
		const { error, sent } = await refusal(
			{ ...call, method: 'GET', path: '/users/me' },
			{ credentials: { harvestAppApi: { accessToken: 'pat-x-0123456789', accountId: '1', baseUrl: 'http://harvest.example.com/v2' } } },
		);
		expect(error.message).toBe('The credential\'s "API Base URL" must use https');
		expect(sent).toHaveLength(0);
	});

	it('refuses unparsable JSON before sending anything', async () => {
		const { error, sent } = await refusal({ ...call, method: 'PATCH', path: '/clients/1', jsonBody: '{"name": ' });
		expect(error.message).toMatch(/^The parameter "JSON Body" is not valid JSON/);
		expect(sent).toHaveLength(0);
	});

	it('never shows the token in an error', async () => {
		nock(API).get('/v2/nope').reply(404, { message: 'Not found' });
		const { error } = await refusal({ ...call, method: 'GET', path: '/nope' });
		expect(JSON.stringify({ m: error.message, d: error.description })).not.toContain('pat-action-token');
	});

	it.each(['post', 'Post', ' patch ', 'put'])('method %j is matched without regard to case, sent in upper case, and keeps its JSON body', async (method) => {
		const seen: Array<{ method: string; body: unknown }> = [];
		nock(API)
			.intercept('/v2/clients/1', method.trim().toUpperCase())
			.reply(function (_uri, body) {
				seen.push({ method: this.req.method, body });
				return [200, { id: 1 }];
			});
		await run({ ...call, method, path: '/clients/1', jsonBody: '{"name":"Acme"}' });
		expect(seen).toEqual([{ method: method.trim().toUpperCase(), body: { name: 'Acme' } }]);
	});

	it.each(['OPTIONS', 'TRACE', 'HEAD', 'CONNECT', 'GETS', '', 5, { m: 'GET' }])('refuses the method %j, naming Method, and sends nothing', async (method) => {
		const { error, sent } = await refusal({ ...call, method, path: '/users/me' });
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/^The parameter "Method" must be (one of DELETE, GET, PATCH, POST, PUT|text)/);
		expect(error.message).toMatch(/\[item 0\]$/);
		expect(sent).toHaveLength(0);
	});

	it('sends custom headers beside the credential’s, and lets Accept replace the default', async () => {
		let headers: Record<string, unknown> = {};
		nock(API)
			.get('/v2/users/me')
			.reply(function () {
				headers = this.req.headers;
				return [200, { id: 7 }];
			});
		await run({ ...call, method: 'GET', path: '/users/me', headers: { header: [{ name: 'X-Request-Id', value: 'abc 123' }, { name: 'accept', value: 'application/pdf' }] } });
		expect(headers['x-request-id']).toBe('abc 123');
		expect(headers.accept).toBe('application/pdf');
		expect(String(headers.authorization)).toMatch(/^Bearer /);
		expect(headers['harvest-account-id']).toBeDefined();
	});

	it.each([
		['Authorization', 'Bearer mine'],
		['authorization', 'x'],
		['HARVEST-ACCOUNT-ID', '999'],
		[' Host ', 'evil.example.com'],
		['Content-Length', '5'],
		['Bad Name', 'x'],
		['X-Injected', 'a\r\nAuthorization: Bearer evil'],
	])('refuses the header %j with a clear error naming Headers, and sends nothing', async (name, value) => {
		const { error, sent } = await refusal({ ...call, method: 'GET', path: '/users/me', headers: { header: [{ name, value }] } });
		expect(error.message).toMatch(/^The parameter "Headers( › X-Injected)?" (may not|has an invalid)/);
		expect(error.message).toMatch(/\[item 0\]$/);
		expect(sent).toHaveLength(0);
	});

	it('sends a multipart body with text parts and a file from the item’s binary data, with its name and type', async () => {
		let received = '';
		let contentType = '';
		nock(API)
			.post('/v2/expenses')
			.reply(function (_uri, body) {
				received = String(body);
				contentType = String(this.req.headers['content-type']);
				return [201, { id: 3 }];
			});
		const pdf = Buffer.from('%PDF-1.4 receipt');
		await run(
			{
				...call,
				method: 'post',
				path: '/expenses',
				bodyType: 'multipart',
				formParts: {
					part: [
						{ name: 'project_id', type: 'text', value: '5' },
						{ name: 'receipt', type: 'binary', binaryPropertyName: 'scan' },
					],
				},
			},
			{ items: [{ json: {}, binary: { scan: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'taxi.pdf' } } }] },
		);
		expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(received).toMatch(/name="project_id"\r\n\r\n5\r\n/);
		expect(received).toMatch(/name="receipt"; filename="taxi.pdf"\r\nContent-Type: application\/pdf\r\n\r\n%PDF-1.4 receipt\r\n/);
	});

	it('refuses a file part whose binary field the item lacks, and sends nothing', async () => {
		const { error, sent } = await refusal({
			...call,
			method: 'POST',
			path: '/expenses',
			bodyType: 'multipart',
			formParts: { part: [{ name: 'receipt', type: 'binary', binaryPropertyName: 'missing' }] },
		});
		expect(error.message).toMatch(/missing/);
		expect(sent).toHaveLength(0);
	});
});

