import { call, useCounterparts } from './helpers';

const { get, admin } = useCounterparts();

function upsales(path: string, init: Parameters<typeof call>[1] = {}) {
	const info = get().info.upsales;
	return call(`${info.url}${path}${path.includes('?') ? '&' : '?'}token=${info.token}`, init);
}

beforeEach(() => admin('upsales', 'POST', '/reset'));

test('the token is required and never logged', async () => {
	expect((await call(`${get().info.upsales.url}/orders?token=wrong`)).status).toBe(401);
	await upsales('/orders');
	expect(JSON.stringify((await admin('upsales', 'GET', '/requests')).json)).not.toContain(get().info.upsales.token);
});

test('an opportunity is valued by its rows, found by its custom field, and closed at 100 %', async () => {
	const account = (await upsales('/accounts', { method: 'POST', json: { name: 'Acme' } })).json.data;
	const body = {
		description: 'Website',
		date: '2026-02-01',
		user: { id: 1 },
		client: { id: account.id },
		stage: { id: 3 },
		orderRow: [{ product: { id: 1 }, quantity: 2.5, price: 120 }],
		custom: [{ fieldId: 11, value: '42' }],
	};
	const order = (await upsales('/orders', { method: 'POST', json: body })).json.data;
	expect(order).toMatchObject({ value: 300, probability: 75, closeDate: null, stage: { name: 'Verbal Agreement' } });
	expect((await upsales('/orders?custom=eq:11:42&probability=gte:1&probability=lte:99')).json.data.map((o: any) => o.id)).toEqual([order.id]);
	expect((await upsales('/orders?custom=eq:11:43')).json.metadata.total).toBe(0);

	const same = (await upsales(`/orders/${order.id}`, { method: 'PUT', json: { orderRow: body.orderRow } })).json.data;
	expect(same.modDate).toBe(order.modDate);
	const won = (await upsales(`/orders/${order.id}`, { method: 'PUT', json: { stage: { id: 4 } } })).json.data;
	expect(won).toMatchObject({ probability: 100, closeDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
	expect((await upsales('/orders?probability=100')).json.data).toHaveLength(1);
	expect((await upsales('/orders', { method: 'POST', json: { ...body, orderRow: [] } })).status).toBe(400);
});
