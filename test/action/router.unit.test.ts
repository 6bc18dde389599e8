import nock from 'nock';

import { API, byId, byUrl, failureOf, run } from './support';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('router', () => {
	it('gets one record per item, paired with its input item', async () => {
		nock(API).get('/v2/clients/1').reply(200, { id: 1, name: 'A' }).get('/v2/clients/2').reply(200, { id: 2, name: 'B' });
		const { items } = await run((i) => ({ resource: 'client', operation: 'get', clientId: byId(i + 1) }), {
			items: [{ json: {} }, { json: {} }],
		});
		expect(items).toEqual([
			{ json: { id: 1, name: 'A' }, pairedItem: { item: 0 } },
			{ json: { id: 2, name: 'B' }, pairedItem: { item: 1 } },
		]);
	});

	it('reads ids from Harvest web URLs', async () => {
		nock(API).get('/v2/projects/77').reply(200, { id: 77 });
		const { items } = await run({
			resource: 'project',
			operation: 'get',
			projectId: byUrl('https://acme.harvestapp.com/projects/77/edit'),
		});
		expect(items[0].json).toEqual({ id: 77 });
	});

	it('spreads lists into one item per record', async () => {
		nock(API)
			.get('/v2/clients')
			.query({ per_page: '3', is_active: 'true' })
			.reply(200, { clients: [{ id: 1 }, { id: 2 }, { id: 3 }], links: { next: null } });
		const { items } = await run({
			resource: 'client',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
			filters: { is_active: true },
		});
		expect(items.map((i) => i.json.id)).toEqual([1, 2, 3]);
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('refuses a non-numeric id before sending anything', async () => {
		const error = await failureOf(run({ resource: 'client', operation: 'get', clientId: byId('abc') }));
		expect(error.message).toBe('The parameter "Client" must be a positive whole number, not "abc" [item 0]');
		expect((error.context as { itemIndex: number }).itemIndex).toBe(0);
	});

	it('continues on fail with an error item and goes on', async () => {
		nock(API).get('/v2/clients/2').reply(200, { id: 2 });
		const { items } = await run((i) => ({ resource: 'client', operation: 'get', clientId: byId(i === 0 ? '-1' : '2') }), {
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(items[0]).toEqual({
			json: { error: 'The parameter "Client" must be a positive whole number, not "-1" [item 0]' },
			pairedItem: { item: 0 },
		});
		expect(items[1]).toEqual({ json: { id: 2 }, pairedItem: { item: 1 } });
	});

	it('creates with required fields up front and the rest in the body', async () => {
		let body: unknown;
		nock(API)
			.post('/v2/clients', (b) => ((body = b), true))
			.reply(201, { id: 9, name: 'Acme' });
		await run({
			resource: 'client',
			operation: 'create',
			name: 'Acme',
			additionalFields: { currency: 'EUR', is_active: true },
		});
		expect(body).toEqual({ name: 'Acme', currency: 'EUR', is_active: true });
	});

	it('returns { deleted: true } for deletes', async () => {
		nock(API).delete('/v2/clients/5').reply(200, '');
		const { items } = await run({ resource: 'client', operation: 'delete', clientId: byId(5) });
		expect(items).toEqual([{ json: { deleted: true }, pairedItem: { item: 0 } }]);
	});
});
