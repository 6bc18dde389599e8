/**
 * Round trips against the stateful sandbox: create → get → update → list → archive/activate → delete where
 * Harvest allows it, the find-or-create helpers' idempotence, and Find User by Email.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, fromList, useActionSandbox } from './support';

const env = useActionSandbox();
const { exec, one } = env;

describe('client', () => {
	it('round-trips create → get → update → list → archive → activate → delete', async () => {
		const created = await one({ resource: 'client', operation: 'create', name: 'Round Trip Ltd', additionalFields: { currency: 'EUR', address: '1 Main St' } });
		expect(created).toMatchObject({ name: 'Round Trip Ltd', currency: 'EUR', address: '1 Main St', is_active: true });
		const id = created.id as number;
		expect(await one({ resource: 'client', operation: 'get', clientId: fromList(id) })).toMatchObject({ id, name: 'Round Trip Ltd' });
		expect(await one({ resource: 'client', operation: 'update', clientId: byId(id), updateFields: { name: 'Round Trip GmbH' } })).toMatchObject({
			name: 'Round Trip GmbH',
		});
		const active = await exec({ resource: 'client', operation: 'getAll', returnAll: true, filters: { is_active: true } });
		expect(active.map((c) => c.id)).toContain(id);
		expect(await one({ resource: 'client', operation: 'archive', clientId: byId(id) })).toMatchObject({ is_active: false });
		const archived = await exec({ resource: 'client', operation: 'getAll', returnAll: true, filters: { is_active: false } });
		expect(archived.map((c) => c.id)).toContain(id);
		expect(await one({ resource: 'client', operation: 'activate', clientId: byId(id) })).toMatchObject({ is_active: true });
		expect(await exec({ resource: 'client', operation: 'delete', clientId: byId(id) })).toEqual([{ deleted: true }]);
		expect(env.store().clients.get(id)).toBeUndefined();
	});

	it('returns Limit records with one request', async () => {
		const clients = await exec({ resource: 'client', operation: 'getAll', returnAll: false, limit: 3, filters: {} });
		expect(clients).toHaveLength(3);
		expect(env.received()).toEqual(['GET /v2/clients']);
	});

	it('finds or creates by name: twice in a row creates once', async () => {
		const params = { resource: 'client', operation: 'findOrCreate', name: 'Bitrix24 Clients', additionalFields: { currency: 'USD' } };
		const first = await one(params);
		const second = await one({ ...params, name: '  bitrix24   clients ' });
		expect(second.id).toBe(first.id);
		const named = env.store().clients.all().filter((c) => c.name === 'Bitrix24 Clients');
		expect(named).toHaveLength(1);
		expect(env.received().filter((r) => r === 'POST /v2/clients')).toHaveLength(1);
	});

	it('finds or creates once for two identical items in one run', async () => {
		const { items } = await env.run({ resource: 'client', operation: 'findOrCreate', name: 'Twin Items Co', additionalFields: {} }, {
			items: [{ json: {} }, { json: {} }],
		});
		expect(items[0].json.id).toBe(items[1].json.id);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('project', () => {
	let clientId: number;
	beforeAll(async () => {
		clientId = (await one({ resource: 'client', operation: 'findOrCreate', name: 'Project Home Inc', additionalFields: {} })).id as number;
	});

	const create = (name: string, extra: IDataObject = {}) => ({
		resource: 'project',
		operation: 'create',
		clientId: byId(clientId),
		name,
		isBillable: true,
		billBy: 'Project',
		budgetBy: 'project',
		additionalFields: { hourly_rate: 120, budget: 40, starts_on: '2025-01-06', notes: 'From n8n', ...extra },
	});

	it('round-trips create → get → update → list → archive → activate → delete', async () => {
		const created = await one(create('Online Store – Phase 1', { code: 'OS1' }));
		expect(created).toMatchObject({
			name: 'Online Store – Phase 1',
			code: 'OS1',
			is_billable: true,
			bill_by: 'Project',
			budget_by: 'project',
			hourly_rate: 120,
			budget: 40,
			starts_on: '2025-01-06',
			client: { id: clientId },
		});
		const id = created.id as number;
		expect(await one({ resource: 'project', operation: 'get', projectId: byId(id) })).toMatchObject({ id });
		expect(
			await one({ resource: 'project', operation: 'update', projectId: byId(id), updateFields: { ends_on: '2025-12-31', is_fixed_fee: true, fee: 5000 } }),
		).toMatchObject({ ends_on: '2025-12-31', is_fixed_fee: true, fee: 5000 });
		const mine = await exec({ resource: 'project', operation: 'getAll', returnAll: true, filters: { client_id: byId(clientId) } });
		expect(mine.map((p) => p.id)).toEqual([id]);
		expect(await one({ resource: 'project', operation: 'archive', projectId: byId(id) })).toMatchObject({ is_active: false });
		expect(await one({ resource: 'project', operation: 'activate', projectId: byId(id) })).toMatchObject({ is_active: true });
		expect(await exec({ resource: 'project', operation: 'delete', projectId: byId(id) })).toEqual([{ deleted: true }]);
	});

	it('finds or creates within the client: twice creates once, another client gets its own', async () => {
		const params = { ...create('Bitrix24 Tasks'), operation: 'findOrCreate' };
		const first = await one(params);
		const second = await one(params);
		expect(second.id).toBe(first.id);
		const other = (await one({ resource: 'client', operation: 'findOrCreate', name: 'Other Home Inc', additionalFields: {} })).id;
		const elsewhere = await one({ ...params, clientId: byId(other as number) });
		expect(elsewhere.id).not.toBe(first.id);
		expect(env.received().filter((r) => r === 'POST /v2/projects')).toHaveLength(2);
	});
});

describe('task', () => {
	it('round-trips create → get → update → list → archive → activate → delete', async () => {
		const created = await one({ resource: 'task', operation: 'create', name: 'Code Review', additionalFields: { billable_by_default: true, default_hourly_rate: 90 } });
		expect(created).toMatchObject({ name: 'Code Review', billable_by_default: true, default_hourly_rate: 90 });
		const id = created.id as number;
		expect(await one({ resource: 'task', operation: 'get', taskId: byId(id) })).toMatchObject({ id });
		expect(await one({ resource: 'task', operation: 'update', taskId: byId(id), updateFields: { is_default: true } })).toMatchObject({ is_default: true });
		expect((await exec({ resource: 'task', operation: 'getAll', returnAll: true, filters: {} })).map((t) => t.id)).toContain(id);
		expect(await one({ resource: 'task', operation: 'archive', taskId: byId(id) })).toMatchObject({ is_active: false });
		expect(await one({ resource: 'task', operation: 'activate', taskId: byId(id) })).toMatchObject({ is_active: true });
		expect(await exec({ resource: 'task', operation: 'delete', taskId: byId(id) })).toEqual([{ deleted: true }]);
	});

	it('finds or creates by name once', async () => {
		const params = { resource: 'task', operation: 'findOrCreate', name: 'Bitrix24 Sync', additionalFields: {} };
		expect((await one(params)).id).toBe((await one(params)).id);
		expect(env.received().filter((r) => r === 'POST /v2/tasks')).toHaveLength(1);
	});
});

describe('contact', () => {
	it('round-trips create → get → update → list → delete', async () => {
		const client = (await one({ resource: 'client', operation: 'findOrCreate', name: 'Contact Home Co', additionalFields: {} })).id as number;
		const created = await one({
			resource: 'contact',
			operation: 'create',
			clientId: byId(client),
			firstName: 'Jane',
			additionalFields: { last_name: 'Doe', email: 'jane@example.com', title: 'Owner', phone_office: '(203) 697-8885' },
		});
		expect(created).toMatchObject({ first_name: 'Jane', last_name: 'Doe', email: 'jane@example.com', client: { id: client } });
		const id = created.id as number;
		expect(await one({ resource: 'contact', operation: 'get', contactId: byId(id) })).toMatchObject({ id });
		expect(await one({ resource: 'contact', operation: 'update', contactId: byId(id), updateFields: { phone_mobile: '555' } })).toMatchObject({
			phone_mobile: '555',
		});
		const ofClient = await exec({ resource: 'contact', operation: 'getAll', returnAll: true, filters: { client_id: byId(client) } });
		expect(ofClient.map((c) => c.id)).toEqual([id]);
		expect(await exec({ resource: 'contact', operation: 'delete', contactId: byId(id) })).toEqual([{ deleted: true }]);
	});
});

describe('user', () => {
	it('round-trips create → get → update → list → archive → activate → delete, and finds by email', async () => {
		const created = await one({
			resource: 'user',
			operation: 'create',
			firstName: 'Kim',
			lastName: 'Allen',
			email: 'kim.allen@example.com',
			additionalFields: { is_contractor: true, weekly_capacity: 126000, roles: 'Designer, Developer', access_roles: ['member'] },
		});
		expect(created).toMatchObject({ email: 'kim.allen@example.com', is_contractor: true, weekly_capacity: 126000, roles: ['Designer', 'Developer'] });
		const id = created.id as number;
		expect(await one({ resource: 'user', operation: 'get', userId: byId(id) })).toMatchObject({ id });
		expect(await one({ resource: 'user', operation: 'update', userId: byId(id), updateFields: { timezone: 'Eastern Time (US & Canada)' } })).toMatchObject({
			timezone: 'Eastern Time (US & Canada)',
		});
		expect((await exec({ resource: 'user', operation: 'getAll', returnAll: true, filters: { is_active: true } })).map((u) => u.id)).toContain(id);
		expect(await exec({ resource: 'user', operation: 'findByEmail', email: 'KIM.ALLEN@example.com' })).toMatchObject([{ id }]);
		expect(await one({ resource: 'user', operation: 'archive', userId: byId(id) })).toMatchObject({ is_active: false });
		expect(await exec({ resource: 'user', operation: 'findByEmail', email: 'kim.allen@example.com' })).toEqual([]);
		expect(await exec({ resource: 'user', operation: 'findByEmail', email: 'kim.allen@example.com', includeArchived: true })).toMatchObject([{ id }]);
		expect(await one({ resource: 'user', operation: 'activate', userId: byId(id) })).toMatchObject({ is_active: true });
		expect(await exec({ resource: 'user', operation: 'delete', userId: byId(id) })).toEqual([{ deleted: true }]);
	});

	it('gets the current user', async () => {
		expect(await one({ resource: 'user', operation: 'me' })).toMatchObject({ id: env.store().meId });
	});

	it('outputs nothing for an unknown email and refuses a malformed one without a request', async () => {
		expect(await exec({ resource: 'user', operation: 'findByEmail', email: 'nobody@nowhere.example' })).toEqual([]);
		env.sandbox.log.clear();
		const { error } = await env.refusal({ resource: 'user', operation: 'findByEmail', email: 'not-an-email' });
		expect(error.message).toBe('The parameter "Email" must be an email address, not "not-an-email" [item 0]');
		expect(env.received()).toEqual([]);
	});
});

describe('company', () => {
	it('gets and updates the two writable settings', async () => {
		const before = await one({ resource: 'company', operation: 'get' });
		const updated = await one({ resource: 'company', operation: 'update', updateFields: { weekly_capacity: 144000, wants_timestamp_timers: !before.wants_timestamp_timers } });
		expect(updated).toMatchObject({ weekly_capacity: 144000, wants_timestamp_timers: !before.wants_timestamp_timers });
		await one({ resource: 'company', operation: 'update', updateFields: { wants_timestamp_timers: before.wants_timestamp_timers as boolean } });
	});
});
