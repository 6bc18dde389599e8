/**
 * The Harvest App Trigger node against the sandbox: first activation, idle cost, events and labels, changes
 * within one second, limit carry-over, start options, filters, manual runs, state resets and server-clock use.
 * The trigger reports a change once its second is over (SETTLE_SECONDS after it, on the server's clock), so
 * tests move the server clock on with `settle()` between their writes and the poll that should see them.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SETTLE_SECONDS } from '../../nodes/HarvestAppTrigger/poller/plan';
import { parseHarvestTime } from '../../nodes/HarvestAppTrigger/poller/time';
import { startSandbox, type Sandbox } from '../sandbox';
import { ids, pollOnce, stateOf } from './support';

const OFFSET = 300;
let sandbox: Sandbox;
let offset = OFFSET;

beforeAll(async () => {
	// The server runs five minutes ahead of this host; nothing may depend on the host clock.
	sandbox = await startSandbox({ records: 150, rateLimits: false, clockOffsetSeconds: OFFSET });
});
afterAll(async () => await sandbox.close());
// Each test starts a few server seconds after the last one's writes, as separate activations would.
beforeEach(() => sandbox.setClockOffset((offset += 5)));
/** Moves the server clock past the margin after the last writes' second, as the time between two polls does. */
const settle = () => sandbox.setClockOffset((offset += SETTLE_SECONDS + 1));

const account = () => sandbox.store.account();
const serverSec = () => Math.floor(sandbox.now().getTime() / 1000);
/** A time entry Harvest lets anyone edit: stopped, not submitted, not invoiced. */
const editableEntry = () =>
	account().timeEntries.all().find((e) => e.timer_started_at === null && e.approval_status === 'unsubmitted' && e.invoice_id === null)!;
const createEntry = (fields: IDataObject = {}) => sandbox.mutate({ resource: 'time_entries', action: 'create', fields }) as IDataObject;

async function activate(parameters: IDataObject) {
	const staticData: IDataObject = {};
	const first = await pollOnce(sandbox, parameters, staticData);
	expect(first.items).toBeNull();
	return { staticData, first };
}

describe('first activation', () => {
	it('remembers the server time with one small request and reports nothing', async () => {
		const { staticData, first } = await activate({ resource: 'timeEntry', event: 'newOrUpdated', limit: 50 });
		expect(first.requests).toEqual([{ path: '/v2/time_entries', query: { per_page: '1' } }]);
		const cursor = parseHarvestTime(stateOf(staticData)?.cursor) as number;
		// The watermark is on the server's clock (5 minutes ahead), not the host's.
		expect(Math.abs(cursor - serverSec())).toBeLessThanOrEqual(2);
		expect(cursor - Math.floor(Date.now() / 1000)).toBeGreaterThan(OFFSET - 2);
		expect(stateOf(staticData)).toMatchObject({ floor: stateOf(staticData)?.cursor, seen: [] });
	});

	it('does not flood history: the next idle poll returns nothing with exactly one request', async () => {
		const { staticData } = await activate({ resource: 'timeEntry', event: 'newOrUpdated', limit: 50 });
		const idle = await pollOnce(sandbox, { resource: 'timeEntry', event: 'newOrUpdated', limit: 50 }, staticData);
		expect(idle.items).toBeNull();
		expect(idle.requests).toHaveLength(1);
		expect(idle.requests[0].query).toEqual({ updated_since: expect.any(String), per_page: '2000' });
	});
});

describe('events', () => {
	it('reports creations and updates after activation, each labelled, oldest first', async () => {
		const params = { resource: 'timeEntry', event: 'newOrUpdated', limit: 50 };
		const { staticData } = await activate(params);
		const old = editableEntry();
		const a = createEntry();
		const b = createEntry();
		sandbox.mutate({ resource: 'time_entries', action: 'update', id: old.id, fields: { notes: 'edited after activation' } });
		sandbox.mutate({ resource: 'time_entries', action: 'update', id: Number(a.id), fields: { notes: 'edited twice' } });
		settle();

		const { items } = await pollOnce(sandbox, params, staticData);
		expect(items?.map((item) => [item.json.id, item.json.event])).toEqual(
			expect.arrayContaining([
				[a.id, 'created'],
				[b.id, 'created'],
				[old.id, 'updated'],
			]),
		);
		expect(items).toHaveLength(3);
		// The record is whole: the Harvest fields plus `event`.
		const edited = items!.find((item) => item.json.id === a.id)!.json;
		expect(edited).toMatchObject({ notes: 'edited twice', project: expect.any(Object), task: expect.any(Object) });
		expect(Object.keys(edited)).toEqual([...Object.keys(a), 'event']);

		expect((await pollOnce(sandbox, params, staticData)).items).toBeNull();
	});

	it('with "New", reports each created record once and ignores updates', async () => {
		const params = { resource: 'timeEntry', event: 'new', limit: 50 };
		const { staticData } = await activate(params);
		const old = editableEntry();
		const a = createEntry();
		sandbox.mutate({ resource: 'time_entries', action: 'update', id: old.id, fields: { notes: 'ignored by New' } });
		settle();
		expect((await pollOnce(sandbox, params, staticData)).items?.map((i) => [i.json.id, i.json.event])).toEqual([[a.id, 'created']]);
		sandbox.mutate({ resource: 'time_entries', action: 'update', id: Number(a.id), fields: { notes: 'still not new' } });
		settle();
		expect((await pollOnce(sandbox, params, staticData)).items).toBeNull();
	});
});

describe('changes within one second', () => {
	it('are reported as the content the record had when its second was over, once', async () => {
		const params = { resource: 'client', event: 'newOrUpdated', limit: 50 };
		const { staticData } = await activate(params);
		const client = sandbox.mutate({ resource: 'clients', action: 'create', fields: { name: 'Alpha (same second)' } });
		// Polled right away: "Alpha" is from this second (or the last), so it may not be final and waits.
		const early = await pollOnce(sandbox, params, staticData);
		expect(early.items).toBeNull();
		expect(early.requests).toHaveLength(1);
		// Renamed within the same second: Harvest keeps the same updated_at.
		const renamed = sandbox.mutate({
			resource: 'clients',
			action: 'update',
			id: Number(client.id),
			fields: { name: 'Beta (same second)' },
			raw: { updated_at: client.updated_at },
		});
		expect(renamed.updated_at).toBe(client.updated_at);
		settle();
		const { items } = await pollOnce(sandbox, params, staticData);
		expect(items?.map((i) => [i.json.id, i.json.name, i.json.updated_at, i.json.event])).toEqual([
			[client.id, 'Beta (same second)', client.updated_at, 'created'],
		]);
		settle();
		expect((await pollOnce(sandbox, params, staticData)).items).toBeNull();
	});

	it('wait for their second to be over, while older changes are reported now', async () => {
		const params = { resource: 'client', event: 'newOrUpdated', limit: 50 };
		const { staticData } = await activate(params);
		const older = sandbox.mutate({ resource: 'clients', action: 'create' });
		settle();
		const recent = sandbox.mutate({ resource: 'clients', action: 'create' });
		const first = await pollOnce(sandbox, params, staticData);
		expect(ids(first.items)).toEqual([older.id]);
		// The watermark stops before the waiting change, so the next poll reads it again.
		expect(parseHarvestTime(stateOf(staticData)?.cursor) as number).toBeLessThanOrEqual(parseHarvestTime(recent.created_at) as number);
		settle();
		expect(ids((await pollOnce(sandbox, params, staticData)).items)).toEqual([recent.id]);
	});
});

describe('limit', () => {
	it('carries the rest over, oldest first, without skipping or repeating inside one second', async () => {
		const params = { resource: 'task', event: 'new', limit: 3 };
		const { staticData } = await activate(params);
		const created = Array.from({ length: 7 }, () => Number(sandbox.mutate({ resource: 'tasks', action: 'create' }).id));
		settle();
		const got: number[] = [];
		const sizes: number[] = [];
		for (let i = 0; i < 4; i++) {
			const { items } = await pollOnce(sandbox, params, staticData);
			sizes.push(items?.length ?? 0);
			got.push(...ids(items));
		}
		expect(sizes).toEqual([3, 3, 1, 0]);
		expect(got).toEqual(created);
	});
});

describe('start options', () => {
	it('"Start From" reports what changed since that date on the first poll', async () => {
		const since = serverSec() - 3 * 86400;
		const old = account().projects.all().find((p) => p.created_at < since)!;
		sandbox.mutate({ resource: 'projects', action: 'update', id: old.id, fields: { notes: 'changed after the start date' } });
		sandbox.mutate({ resource: 'projects', action: 'create' });
		settle();
		const startFrom = new Date(since * 1000).toISOString().slice(0, 19);
		const staticData: IDataObject = {};
		const params = { resource: 'project', event: 'newOrUpdated', limit: 5000, options: { startFrom } };
		const { items } = await pollOnce(sandbox, params, staticData);
		const expected = account()
			.projects.all()
			.filter((p) => p.updated_at >= since)
			.map((p) => [p.id, p.created_at >= since ? 'created' : 'updated']);
		expect(expected).toEqual(expect.arrayContaining([[old.id, 'updated']]));
		expect((items ?? []).map((i) => [i.json.id, i.json.event]).sort()).toEqual(expected.sort());
	});

	it('"Start From" without an offset is read in the workflow\'s time zone, with one an offset wins', async () => {
		const params = (startFrom: string) => ({ resource: 'client', event: 'new', limit: 50, options: { startFrom } });
		const tokyo: IDataObject = {};
		await pollOnce(sandbox, params('2024-05-01T09:00:00'), tokyo, { timezone: 'Asia/Tokyo' });
		expect(stateOf(tokyo)?.floor).toBe('2024-05-01T00:00:00Z');
		const given: IDataObject = {};
		await pollOnce(sandbox, params('2024-05-01T09:00:00+02:00'), given, { timezone: 'Asia/Tokyo' });
		expect(stateOf(given)?.floor).toBe('2024-05-01T07:00:00Z');
	});

	it('"Include Existing" returns every record over several polls, oldest first, each once', async () => {
		const params = { resource: 'client', event: 'new', limit: 7, options: { includeExisting: true } };
		const staticData: IDataObject = {};
		const got: number[] = [];
		for (let i = 0; i < 50; i++) {
			const { items } = await pollOnce(sandbox, params, staticData);
			if (!items) break;
			got.push(...ids(items));
		}
		const clients = account()
			.clients.all()
			.sort((x, y) => x.created_at - y.created_at || x.id - y.id)
			.map((c) => c.id);
		expect(got).toEqual(clients);
	});
});

describe('filters', () => {
	it('send Harvest filters in the query and report only matching time entries', async () => {
		const assignment = account().userAssignments.all().find((ua) => ua.is_active && account().projects.get(ua.project_id)?.is_active)!;
		const params = {
			resource: 'timeEntry',
			event: 'new',
			limit: 50,
			filters: { projectId: { mode: 'list', value: String(assignment.project_id) }, excludeRunningTimers: true, billed: 'unbilled' },
		};
		const { staticData } = await activate(params);
		const match = createEntry({ project_id: assignment.project_id, user_id: assignment.user_id });
		createEntry({ project_id: assignment.project_id, user_id: assignment.user_id, hours: null });
		const other = account().userAssignments.all().find((ua) => ua.project_id !== assignment.project_id && ua.is_active && account().projects.get(ua.project_id)?.is_active);
		if (other) createEntry({ project_id: other.project_id, user_id: other.user_id });
		settle();
		const { items, requests } = await pollOnce(sandbox, params, staticData);
		expect(ids(items)).toEqual([match.id]);
		expect(requests[0].query).toMatchObject({ project_id: String(assignment.project_id), is_running: 'false', is_billed: 'false' });
	});

	it('check the project of assignments on each record, since Harvest has no such filter', async () => {
		const project = account().projects.all().find((p) => p.is_active)!;
		const otherProject = account().projects.all().find((p) => p.is_active && p.id !== project.id)!;
		const params = { resource: 'taskAssignment', event: 'new', limit: 50, filters: { projectId: { mode: 'id', value: String(project.id) } } };
		const { staticData } = await activate(params);
		const mine = sandbox.mutate({ resource: 'task_assignments', action: 'create', fields: { project_id: project.id } });
		sandbox.mutate({ resource: 'task_assignments', action: 'create', fields: { project_id: otherProject.id } });
		settle();
		const { items, requests } = await pollOnce(sandbox, params, staticData);
		expect(ids(items)).toEqual([mine.id]);
		expect(requests[0].query).not.toHaveProperty('project_id');
	});

	it('refuse a bad id before any request', async () => {
		const params = { resource: 'timeEntry', event: 'new', limit: 50, filters: { clientId: { mode: 'id', value: 'abc' } } };
		const before = sandbox.log.entries().length;
		await expect(pollOnce(sandbox, params, {})).rejects.toThrow('The filter "Client" needs a Harvest ID');
		expect(sandbox.log.entries().length).toBe(before);
	});
});

describe('state', () => {
	it('starts afresh when the filters change, instead of mixing two streams', async () => {
		const params = { resource: 'client', event: 'new', limit: 50 };
		const { staticData } = await activate(params);
		sandbox.mutate({ resource: 'clients', action: 'create' });
		const changed = await pollOnce(sandbox, { ...params, filters: { activeOnly: true } }, staticData);
		expect(changed.items).toBeNull();
		expect(changed.requests).toEqual([{ path: '/v2/clients', query: { is_active: 'true', per_page: '1' } }]);
		expect(stateOf(staticData)?.fingerprint).toContain('is_active');
	});

	it('keeps nothing in memory: a copy of the static data continues the same stream', async () => {
		const params = { resource: 'expenseCategory', event: 'newOrUpdated', limit: 50 };
		const { staticData } = await activate(params);
		const created = sandbox.mutate({ resource: 'expense_categories', action: 'create' });
		settle();
		const copy = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		const one = await pollOnce(sandbox, params, staticData);
		const other = await pollOnce(sandbox, params, copy);
		expect(ids(one.items)).toEqual([created.id]);
		expect(ids(other.items)).toEqual([created.id]);
		expect(copy).toEqual(staticData);
	});
});

/** The parsed body of an answer as the HTTP helper returned it. */
function bodyOf(response: unknown): IDataObject {
	const raw = (response as IDataObject).body;
	return (typeof raw === 'string' || Buffer.isBuffer(raw) ? JSON.parse(raw.toString()) : raw) as IDataObject;
}

/** Two polls together report every record of `expected` and no version twice. */
function expectEachOnce(first: { items: INodeExecutionData[] | null }, second: { items: INodeExecutionData[] | null }, expected: number[]): void {
	const pairs = [...(first.items ?? []), ...(second.items ?? [])].map((i) => `${i.json.id}@${i.json.updated_at}`);
	expect(new Set(pairs).size).toBe(pairs.length);
	expect(new Set([...ids(first.items), ...ids(second.items)])).toEqual(new Set(expected));
}

/** A project of its own, so the list holds exactly the entries of the test, and a watch on it. */
async function watchOwnProject(limit = 50) {
	const project = sandbox.mutate({ resource: 'projects', action: 'create' });
	const projectId = Number(project.id);
	let assignment = account().userAssignments.all().find((ua) => ua.project_id === projectId);
	if (!assignment) {
		const user = account().users.all().find((u) => u.is_active)!;
		sandbox.mutate({ resource: 'user_assignments', action: 'create', fields: { project_id: projectId, user_id: user.id } });
		assignment = account().userAssignments.all().find((ua) => ua.project_id === projectId)!;
	}
	const user = { id: assignment.user_id };
	if (!account().taskAssignments.some((ta) => ta.project_id === projectId)) {
		sandbox.mutate({ resource: 'task_assignments', action: 'create', fields: { project_id: projectId } });
	}
	const params = { resource: 'timeEntry', event: 'newOrUpdated', limit, filters: { projectId: { mode: 'id', value: String(project.id) } } };
	const { staticData } = await activate(params);
	const create = (count: number) => Array.from({ length: count }, () => Number(createEntry({ project_id: projectId, user_id: user.id }).id));
	return { params, staticData, create, projectId };
}

describe('pages that shift while they are read', () => {
	it('keep the watermark, and the next poll returns the record the shift hid', async () => {
		const { params, staticData, create } = await watchOwnProject();
		const created = create(12);
		settle();
		const cursorBefore = stateOf(staticData)?.cursor;
		let pageCount = 0;
		let deleted = 0;
		const first = await pollOnce(sandbox, params, staticData, {
			wrap: async (send, options) => {
				// Pages of 5 instead of 2000, and between pages a record of page 1 is deleted: every later record moves
				// up one place, so the first record of page 2 slides onto page 1, which has been read already.
				const qs = options.qs as IDataObject | undefined;
				if (qs?.per_page === 2000) qs.per_page = 5;
				const response = await send();
				if (++pageCount === 1) {
					deleted = Number((bodyOf(response).time_entries as IDataObject[])[0].id);
					sandbox.mutate({ resource: 'time_entries', action: 'delete', id: deleted });
				}
				return response;
			},
		});
		expect(first.requests.length).toBeGreaterThan(2);
		expect(stateOf(staticData)?.cursor).toBe(cursorBefore);
		const second = await pollOnce(sandbox, params, staticData);
		expectEachOnce(first, second, created);
		// The first poll read the deleted record (page 1) but missed the one that slid; the second poll found it.
		expect(ids(first.items)).toContain(deleted);
		expect(ids(first.items)).toHaveLength(11);
		expect(ids(second.items)).toHaveLength(1);
	});

	it('are still detected when pages are read at once and a later page is served before an earlier one', async () => {
		const { params, staticData, create } = await watchOwnProject();
		const created = create(15);
		settle();
		const cursorBefore = stateOf(staticData)?.cursor;
		let deleted = 0;
		let page3Served: () => void = () => undefined;
		const page3 = new Promise<void>((resolve) => (page3Served = resolve));
		const first = await pollOnce(sandbox, params, staticData, {
			wrap: async (send, options) => {
				// Pages of 5: page 1 announces 3 pages, and the transport asks for pages 2 and 3 at once. Page 2 is held
				// until page 3 has been served; then a record of page 1 is deleted, so page 2 is served shifted by one:
				// its first record slides onto page 1 (read already) and its last is page 3's first (read already).
				const qs = options.qs as IDataObject | undefined;
				if (qs?.per_page === 2000) qs.per_page = 5;
				const page = Number(new URL(String(options.url)).searchParams.get('page') ?? 1);
				if (page === 2) await page3;
				const response = await send();
				if (page === 1) deleted = Number((bodyOf(response).time_entries as IDataObject[])[0].id);
				if (page === 3) {
					sandbox.mutate({ resource: 'time_entries', action: 'delete', id: deleted });
					page3Served();
				}
				return response;
			},
		});
		// Read out of order, which only concurrent page reads do.
		expect(first.requests.map((r) => r.query.page ?? '1')).toEqual(['1', '3', '2']);
		expect(stateOf(staticData)?.cursor).toBe(cursorBefore);
		const second = await pollOnce(sandbox, params, staticData);
		expectEachOnce(first, second, created);
		expect(ids(first.items)).toContain(deleted);
		expect(new Set(ids(first.items)).size).toBe(14);
		expect(ids(second.items)).toHaveLength(1);
	});
});

describe('pages that shift while several are read at once', () => {
	it('still leave a trace: the watermark stays, and the next poll returns what slid out of view', async () => {
		const { params, staticData, create, projectId } = await watchOwnProject(100);
		const created = create(40);
		settle();
		const cursorBefore = stateOf(staticData)?.cursor;
		let answered = 0;
		let inFlight = 0;
		let most = 0;
		const deleted: number[] = [];
		const first = await pollOnce(sandbox, params, staticData, {
			wrap: async (send, options) => {
				// Pages of 5: eight pages, pages 2-8 read a few at a time. When the third answer is in, records of the
				// first page are deleted while later pages are still being read.
				const qs = options.qs as IDataObject | undefined;
				if (qs?.per_page === 2000) qs.per_page = 5;
				if (typeof options.url === 'string' && options.url.includes('per_page=2000')) options.url = options.url.replace('per_page=2000', 'per_page=5');
				inFlight++;
				most = Math.max(most, inFlight);
				await new Promise((resolve) => setImmediate(resolve));
				const response = await send();
				inFlight--;
				if (++answered === 3) {
					for (const record of account().timeEntries.all().filter((e) => e.project_id === projectId).slice(0, 2)) {
						sandbox.mutate({ resource: 'time_entries', action: 'delete', id: record.id });
						deleted.push(record.id);
					}
				}
				return response;
			},
		});
		expect(most).toBeGreaterThan(1);
		expect(stateOf(staticData)?.cursor).toBe(cursorBefore);
		const second = await pollOnce(sandbox, params, staticData);
		const pairs = [...(first.items ?? []), ...(second.items ?? [])].map((i) => `${i.json.id}@${i.json.updated_at}`);
		expect(new Set(pairs).size).toBe(pairs.length);
		// Every record that still exists is reported by one of the two polls, and nothing twice.
		const surviving = created.filter((id) => !deleted.includes(id));
		expect([...new Set([...ids(first.items), ...ids(second.items)])].filter((id) => surviving.includes(id)).sort()).toEqual(surviving.sort());
	});
});

describe('manual runs ("Fetch Test Event")', () => {
	it('return the most recent matching record and leave the state alone', async () => {
		const params = { resource: 'timeEntry', event: 'newOrUpdated', limit: 50 };
		const { staticData } = await activate(params);
		const before = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		const latest = createEntry();
		const { items, requests, ctx } = await pollOnce(sandbox, params, staticData, { mode: 'manual' });
		expect(ids(items)).toEqual([latest.id]);
		expect(items?.[0].json.event).toBe('created');
		expect(requests.length).toBeLessThanOrEqual(2);
		expect(ctx.staticData).toEqual(before);
		// The real stream still reports it.
		settle();
		expect(ids((await pollOnce(sandbox, params, staticData)).items)).toEqual([latest.id]);
	});

	it('work before activation and never create state', async () => {
		const staticData: IDataObject = {};
		const { items, ctx } = await pollOnce(sandbox, { resource: 'client', event: 'new', limit: 50 }, staticData, { mode: 'manual' });
		expect(items).toHaveLength(1);
		expect(ctx.staticData).toEqual({});
	});

	it('say clearly when nothing matches', async () => {
		const client = sandbox.mutate({ resource: 'clients', action: 'create' });
		const params = { resource: 'invoice', event: 'new', limit: 50, filters: { clientId: { mode: 'id', value: String(client.id) } } };
		await expect(pollOnce(sandbox, params, {}, { mode: 'manual' })).rejects.toThrow('No invoices found with the current filters');
	});
});

describe('a server clock behind the host', () => {
	let behind: Sandbox;
	let behindOffset = -OFFSET;
	beforeAll(async () => {
		behind = await startSandbox({ records: 50, rateLimits: false, clockOffsetSeconds: behindOffset });
	});
	afterAll(async () => await behind.close());

	it('still reports every change made after activation', async () => {
		const params = { resource: 'contact', event: 'newOrUpdated', limit: 50 };
		const staticData: IDataObject = {};
		expect((await pollOnce(behind, params, staticData)).items).toBeNull();
		const cursor = parseHarvestTime(stateOf(staticData)?.cursor) as number;
		expect(Math.floor(Date.now() / 1000) - cursor).toBeGreaterThan(OFFSET - 2);
		const contact = behind.mutate({ resource: 'contacts', action: 'create' });
		behind.mutate({ resource: 'contacts', action: 'update', id: Number(contact.id), fields: { title: 'Lead' } });
		behind.setClockOffset((behindOffset += SETTLE_SECONDS + 1));
		const { items } = await pollOnce(behind, params, staticData);
		expect(items?.map((i) => [i.json.id, i.json.title, i.json.event])).toEqual([[contact.id, 'Lead', 'created']]);
	});
});

describe('request cost', () => {
	it('is exactly one request per idle poll for every watched resource', async () => {
		const { WATCHED_RESOURCES } = await import('../../nodes/HarvestAppTrigger/resources');
		for (const resource of WATCHED_RESOURCES) {
			const params = { resource: resource.value, event: 'newOrUpdated', limit: 50 };
			const { staticData } = await activate(params);
			const idle = await pollOnce(sandbox, params, staticData);
			expect({ resource: resource.value, items: idle.items, requests: idle.requests.length }).toEqual({
				resource: resource.value,
				items: null,
				requests: 1,
			});
		}
	});

	it('is ceil(k / 2000) requests when k records changed', async () => {
		const params = { resource: 'task', event: 'new', limit: 5000 };
		const { staticData } = await activate(params);
		const since = parseHarvestTime(stateOf(staticData)?.cursor) as number;
		const ops = Array.from({ length: 2100 }, () => ({ resource: 'tasks' as const, action: 'create' as const }));
		sandbox.mutateBatch(ops);
		settle();
		const inWindow = account().tasks.all().filter((t) => t.updated_at >= since - 61).length;
		const { items, requests } = await pollOnce(sandbox, params, staticData);
		expect(items).toHaveLength(2100);
		expect(requests).toHaveLength(Math.ceil(inWindow / 2000));
		expect(requests).toHaveLength(2);
	});
});
