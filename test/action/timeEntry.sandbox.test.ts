/**
 * Time entries against the sandbox: every create variant, timers, external references, filters, and the
 * cross-cutting router behaviour (continue on fail with real API errors, pairing, no request on bad input).
 */

import { byId, trackable, useActionSandbox } from './support';

const env = useActionSandbox();
const { exec, one } = env;

let projectId: number;
let taskId: number;

beforeAll(() => {
	({ projectId, taskId } = trackable(env.store()));
});

const entry = () => ({ resource: 'timeEntry', projectId: byId(projectId), taskId: byId(taskId), spentDate: '2025-03-04T00:00:00' });
const setTimestampTimers = (on: boolean) => one({ resource: 'company', operation: 'update', updateFields: { wants_timestamp_timers: on } });

describe('time entry (sandbox)', () => {
	it('creates by duration, gets, updates, lists, deletes', async () => {
		const created = await one({
			...entry(),
			operation: 'createByDuration',
			hours: 1.25,
			additionalFields: { notes: 'Importing products', external_reference: { id: 'B24-17', group_id: 'G1', permalink: 'https://b24.example.com/task/17' } },
		});
		expect(created).toMatchObject({
			hours: 1.25,
			spent_date: '2025-03-04',
			notes: 'Importing products',
			is_running: false,
			project: { id: projectId },
			task: { id: taskId },
			external_reference: { id: 'B24-17', group_id: 'G1', permalink: 'https://b24.example.com/task/17' },
		});
		const id = created.id as number;
		expect(await one({ resource: 'timeEntry', operation: 'get', timeEntryId: byId(id) })).toMatchObject({ id });
		expect(await one({ resource: 'timeEntry', operation: 'update', timeEntryId: byId(id), updateFields: { hours: 2, notes: 'Done' } })).toMatchObject({
			hours: 2,
			notes: 'Done',
		});
		const linked = await exec({ resource: 'timeEntry', operation: 'getAll', returnAll: true, filters: { external_reference_id: 'B24-17' } });
		expect(linked.map((e) => e.id)).toEqual([id]);
		const inMarch = await exec({
			resource: 'timeEntry',
			operation: 'getAll',
			returnAll: true,
			filters: { project_id: byId(projectId), from: '2025-03-04', to: '2025-03-04' },
		});
		expect(inMarch.map((e) => e.id)).toContain(id);
		expect(inMarch.every((e) => e.spent_date === '2025-03-04')).toBe(true);
		const unlinked = await exec({ resource: 'timeEntry', operation: 'deleteExternalReference', timeEntryId: byId(id) });
		expect(unlinked).toEqual([{ deleted: true }]);
		expect(await one({ resource: 'timeEntry', operation: 'get', timeEntryId: byId(id) })).toMatchObject({ external_reference: null });
		expect(await exec({ resource: 'timeEntry', operation: 'delete', timeEntryId: byId(id) })).toEqual([{ deleted: true }]);
	});

	it('starts, stops and restarts a timer', async () => {
		const started = await one({ ...entry(), operation: 'startTimer', additionalFields: { notes: 'Timer' } });
		expect(started).toMatchObject({ is_running: true });
		const id = started.id as number;
		const running = await exec({ resource: 'timeEntry', operation: 'getAll', returnAll: true, filters: { is_running: true } });
		expect(running.map((e) => e.id)).toContain(id);
		expect(await one({ resource: 'timeEntry', operation: 'stop', timeEntryId: byId(id) })).toMatchObject({ id, is_running: false });
		expect(await one({ resource: 'timeEntry', operation: 'restart', timeEntryId: byId(id) })).toMatchObject({ id, is_running: true });
		await one({ resource: 'timeEntry', operation: 'stop', timeEntryId: byId(id) });
	});

	it('creates by start and end time when the company uses timestamp timers', async () => {
		await setTimestampTimers(true);
		try {
			const created = await one({ ...entry(), operation: 'createByStartEnd', startedTime: '8:00am', endedTime: '9:30am', additionalFields: {} });
			expect(created).toMatchObject({ started_time: '8:00am', ended_time: '9:30am', hours: 1.5 });
		} finally {
			await setTimestampTimers(false);
		}
	});

	it('continues on fail: a 404 becomes { error } for that item and the next item still runs', async () => {
		const { items } = await env.run(
			(i) => ({ resource: 'timeEntry', operation: 'get', timeEntryId: byId(i === 0 ? 999999999 : 'x') }),
			{ continueOnFail: true, items: [{ json: {} }, { json: {} }] },
		);
		expect(items).toHaveLength(2);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(String(items[0].json.error)).toMatch(/404|not found/i);
		expect(items[1]).toEqual({
			json: { error: 'The parameter "Time Entry" must be a positive whole number, not "x" [item 1]' },
			pairedItem: { item: 1 },
		});
		expect(JSON.stringify(items)).not.toContain(env.sandbox.token);
		expect(env.received()).toEqual(['GET /v2/time_entries/999999999']);
	});

	it('pairs every listed record with its input item', async () => {
		const { items } = await env.run(
			(i) => ({ resource: 'timeEntry', operation: 'getAll', returnAll: false, limit: i + 1, filters: {} }),
			{ items: [{ json: {} }, { json: {} }] },
		);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
	});

	it.each([
		['an impossible date', { spentDate: '2025-02-30' }, /"Date" must be a real date/],
		['negative hours', { hours: -0.5 }, /"Hours" cannot be negative/],
		['a non-numeric project', { projectId: byId('abc') }, /"Project" must be a positive whole number/],
		['a negative task', { taskId: byId('-3') }, /"Task" must be a positive whole number/],
	])('sends nothing for %s', async (_, override, message) => {
		const { error } = await env.refusal({ ...entry(), operation: 'createByDuration', hours: 1, additionalFields: {}, ...override });
		expect(error.message).toMatch(message);
		expect(error.message).toMatch(/\[item 0\]$/);
		expect(env.received()).toEqual([]);
	});
});

describe('custom API call (sandbox)', () => {
	it('follows every page of a list at the largest page size', async () => {
		const { items } = await env.run(
			{
				resource: 'customApiCall',
				operation: 'request',
				method: 'GET',
				path: '/clients',
				followPages: true,
				queryParameters: { parameter: [{ name: 'per_page', value: '7' }, { name: 'is_active', value: 'true' }] },
			},
		);
		const active = env.store().clients.all().filter((c) => c.is_active);
		expect(items.map((i) => i.json.id).sort()).toEqual(active.map((c) => c.id).sort());
		expect(env.sandbox.log.entries().map((e) => e.query.per_page)).toEqual(['2000']);
	});

	it('sends the same credential and refuses other hosts before anything is sent', async () => {
		const { items } = await env.run({ resource: 'customApiCall', operation: 'request', method: 'GET', path: '/users/me' });
		expect(items[0].json.id).toBe(env.store().meId);
		env.sandbox.log.clear();
		const { error } = await env.refusal(
			{ resource: 'customApiCall', operation: 'request', method: 'GET', path: 'https://example.com/v2/users/me' },
		);
		expect(error.message).toMatch(/configured Harvest host/);
		expect(env.received()).toEqual([]);
	});
});
