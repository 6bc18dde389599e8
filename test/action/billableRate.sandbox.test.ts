/**
 * Billable and cost rates against the sandbox: Harvest's replacement rule (no start date replaces every rate;
 * a start date replaces the rates from that day on and ends the one before), Get and Get Many, and input
 * checks that send nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, useActionSandbox } from './support';

const env = useActionSandbox();
const { exec, one } = env;

let userId: number;

beforeAll(() => {
	const store = env.store();
	userId = store.users.all().find((u) => u.is_active && u.id !== store.meId)!.id;
});

const summary = (rates: IDataObject[]) =>
	rates.map((r) => ({ amount: r.amount, start_date: r.start_date, end_date: r.end_date })).sort((a, b) => String(a.start_date ?? '').localeCompare(String(b.start_date ?? '')));

describe.each([
	['billableRate', 'billable_rates', 'billableRateId'],
	['costRate', 'cost_rates', 'costRateId'],
])('%s (sandbox)', (resource, path, idName) => {
	const create = (amount: number, startDate = '') => one({ resource, operation: 'create', userId: byId(userId), amount, startDate });
	const list = () => exec({ resource, operation: 'getAll', userId: byId(userId), returnAll: true });

	it('replaces every rate when there is no start date', async () => {
		const created = await create(100);
		expect(created).toMatchObject({ amount: 100, start_date: null, end_date: null });
		expect(summary(await list())).toEqual([{ amount: 100, start_date: null, end_date: null }]);
	});

	it('adds a dated rate after the open one, and an earlier start date replaces the later rates', async () => {
		await create(100);
		await create(120, '2025-06-01T00:00:00');
		expect(summary(await list())).toEqual([
			{ amount: 100, start_date: null, end_date: '2025-05-31' },
			{ amount: 120, start_date: '2025-06-01', end_date: null },
		]);
		const earlier = await create(110, '2025-03-01');
		expect(summary(await list())).toEqual([
			{ amount: 100, start_date: null, end_date: '2025-02-28' },
			{ amount: 110, start_date: '2025-03-01', end_date: null },
		]);
		const fetched = await one({ resource, operation: 'get', userId: byId(userId), [idName]: String(earlier.id) });
		expect(fetched).toMatchObject({ id: earlier.id, amount: 110 });
		expect(env.received().filter((r) => r.startsWith('POST'))).toEqual([
			`POST /v2/users/${userId}/${path}`,
			`POST /v2/users/${userId}/${path}`,
			`POST /v2/users/${userId}/${path}`,
		]);
	});

	it.each([
		['a negative amount', { amount: -1 }, /"Amount" cannot be negative/],
		['an impossible start date', { startDate: '2025-02-30' }, /"Start Date" must be a real date/],
		['a non-numeric user', { userId: byId('me') }, /"User" must be a positive whole number/],
	])('sends nothing for %s', async (_, override, message) => {
		const { error } = await env.refusal({ resource, operation: 'create', userId: byId(userId), amount: 50, startDate: '', ...override });
		expect(error.message).toMatch(message);
		expect(env.received()).toEqual([]);
	});
});
