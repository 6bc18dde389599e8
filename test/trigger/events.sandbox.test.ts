/**
 * The events no other Harvest integration has, against the sandbox: "Deleted" (and Report Deletions beside New or
 * Updated) and "Field Changed". A deletion is reported once as { id, event: 'deleted' }, never for an archived
 * record or one that left the filters, never for one skipped by a shifting page; a field change once per
 * transition, with previous and current values, and not again when other fields change.
 */
import type { IDataObject } from 'n8n-workflow';

import { SETTLE_SECONDS } from '../../nodes/HarvestAppTrigger/poller/plan';
import { resetBudgets } from '../../nodes/shared/transport/governor';
import { startSandbox, type Sandbox } from '../sandbox';
import { ids, pollOnce } from './support';

let sandbox: Sandbox;
let offset = 120;

beforeAll(async () => {
	sandbox = await startSandbox({ records: 150, rateLimits: false, clockOffsetSeconds: offset });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.setClockOffset((offset += 5));
	// The sandbox has no rate limit here; the transport's own pacing would only slow the test down.
	resetBudgets();
});
/** Moves the server clock past the margin after the last writes' second. */
const settle = () => sandbox.setClockOffset((offset += SETTLE_SECONDS + 1));

const account = () => sandbox.store.account();
const mutate = (resource: string, action: 'create' | 'update' | 'delete', fields: IDataObject = {}, id?: number, raw?: IDataObject) =>
	sandbox.mutate({ resource: resource as never, action, fields, id, raw }) as IDataObject;
const events = (items: Array<{ json: IDataObject }> | null) =>
	(items ?? []).map((item) => `${item.json.event}:${item.json.id}`);

/** Polls until nothing is left to report (at most `rounds` polls), collecting every item. */
async function drain(params: IDataObject, staticData: IDataObject, rounds = 5) {
	const all: Array<{ json: IDataObject }> = [];
	for (let i = 0; i < rounds; i++) {
		const { items } = await pollOnce(sandbox, params, staticData);
		if (!items) break;
		all.push(...items);
		settle();
	}
	return all;
}

async function activate(params: IDataObject) {
	const staticData: IDataObject = {};
	const first = await pollOnce(sandbox, params, staticData);
	expect(first.items).toBeNull();
	return { staticData, first };
}

const everyPoll = { deletionCheckEvery: 1, deletionCheckUnit: 'polls' };

describe('event "Deleted"', () => {
	it('lists every id at activation, then reports each deleted record once, and nothing for edits', async () => {
		const params = { resource: 'timeEntry', event: 'deleted', limit: 50, options: everyPoll };
		const { staticData, first } = await activate(params);
		// One request for the server time, then the whole list (150 entries in the last 90 days: one page).
		expect(first.requests.map((r) => r.path)).toEqual(['/v2/time_entries', '/v2/time_entries']);
		expect(first.requests[1].query.from).toBeDefined();
		const created = Number(mutate('time_entries', 'create').id);
		settle();
		expect((await pollOnce(sandbox, params, staticData)).items).toBeNull();
		const editable = account().timeEntries.all().find((e) => e.id !== created && e.invoice_id === null)!;
		mutate('time_entries', 'update', { notes: 'edited, not deleted' }, editable.id);
		mutate('time_entries', 'delete', {}, created);
		settle();
		const reported = await drain(params, staticData);
		// The entry was seen when it was created, so its last content comes with the deletion.
		expect(reported.map((i) => i.json)).toEqual([
			{ id: created, event: 'deleted', last_seen: expect.objectContaining({ id: created, notes: 'Created by mutate' }) },
		]);
		expect(await drain(params, staticData)).toEqual([]);
	});

	it('does not report an archived record, nor one that left the filters, nor one skipped by a shifting page', async () => {
		const client = Number(mutate('clients', 'create').id);
		const gone = Number(mutate('clients', 'create').id);
		const params = { resource: 'client', event: 'deleted', limit: 50, filters: { activeOnly: true }, options: everyPoll };
		const { staticData } = await activate(params);
		mutate('clients', 'update', { is_active: false }, client);
		mutate('clients', 'delete', {}, gone);
		settle();
		expect((await drain(params, staticData)).map((i) => i.json.id)).toEqual([gone]);

		// Time entries of one project (made now, so inside the 90-day window): one moves to another project
		// (leaves the filter), one is deleted.
		const assignment = account().userAssignments.all().find((ua) => ua.is_active && account().projects.get(ua.project_id)?.is_active && account().taskAssignments.some((ta) => ta.project_id === ua.project_id))!;
		const project = assignment.project_id;
		const other = account().projects.all().find((p) => p.is_active && p.id !== project && account().taskAssignments.some((ta) => ta.project_id === p.id))!;
		const made = [1, 2, 3].map(() => Number(mutate('time_entries', 'create', { project_id: project, user_id: assignment.user_id }).id));
		settle();
		const entryParams = { resource: 'timeEntry', event: 'deleted', limit: 50, filters: { projectId: { mode: 'id', value: String(project) } }, options: everyPoll };
		const entries = await activate(entryParams);
		const task = account().taskAssignments.all().find((ta) => ta.project_id === other.id)!.task_id;
		mutate('time_entries', 'update', {}, made[0], { project_id: other.id, task_id: task });
		mutate('time_entries', 'delete', {}, made[1]);
		settle();
		expect((await drain(entryParams, entries.staticData)).map((i) => i.json.id)).toEqual([made[1]]);
		// The moved entry is forgotten, not looked up again at every check.
		const again = await pollOnce(sandbox, entryParams, entries.staticData);
		expect(again.requests.filter((r) => r.path.startsWith('/v2/time_entries/'))).toEqual([]);

		// Pages of 3 while a record of the first page is deleted between pages: later records slide unseen; the
		// lookup of each missing id tells them from the deleted one.
		const shifted = await activate({ resource: 'timeEntry', event: 'deleted', limit: 50, options: everyPoll });
		let pages = 0;
		let victim = 0;
		const { items } = await pollOnce(sandbox, { resource: 'timeEntry', event: 'deleted', limit: 50, options: everyPoll }, shifted.staticData, {
			wrap: async (send, options) => {
				const qs = options.qs as IDataObject | undefined;
				if (qs?.per_page === 2000 && qs.from) qs.per_page = 3;
				const response = await send();
				if (qs?.from && ++pages === 1) {
					const raw = (response as IDataObject).body;
					const body = (typeof raw === 'string' || Buffer.isBuffer(raw) ? JSON.parse(raw.toString()) : raw) as IDataObject;
					victim = Number((body.time_entries as IDataObject[])[0].id);
					mutate('time_entries', 'delete', {}, victim);
				}
				return response;
			},
		});
		// The deleted record was on a page already read, so this check could not see it go: no deletion now, and in
		// particular none of the records that slid past the read. The next check reports it.
		expect(victim).toBeGreaterThan(0);
		expect(ids(items)).toEqual([]);
		expect(ids((await pollOnce(sandbox, { resource: 'timeEntry', event: 'deleted', limit: 50, options: everyPoll }, shifted.staticData)).items)).toEqual([victim]);
	});

	it('reports a record recreated with a new id as one deletion and one creation (Report Deletions)', async () => {
		const params = { resource: 'client', event: 'newOrUpdated', limit: 50, options: { ...everyPoll, reportDeletions: true } };
		const original = Number(mutate('clients', 'create', { name: 'Recreated Ltd' }).id);
		const { staticData } = await activate(params);
		mutate('clients', 'delete', {}, original);
		const again = Number(mutate('clients', 'create', { name: 'Recreated Ltd' }).id);
		settle();
		const reported = await drain(params, staticData);
		expect(events(reported)).toEqual([`created:${again}`, `deleted:${original}`]);
	});

	it('reports at most Limit deletions per poll; the rest follow, oldest first, none twice', async () => {
		const params = { resource: 'task', event: 'deleted', limit: 2, options: everyPoll };
		const made = [1, 2, 3, 4, 5].map(() => Number(mutate('tasks', 'create').id));
		const { staticData } = await activate(params);
		for (const id of made) mutate('tasks', 'delete', {}, id);
		settle();
		const perPoll: number[][] = [];
		for (let i = 0; i < 4; i++) {
			perPoll.push(ids((await pollOnce(sandbox, params, staticData)).items));
			settle();
		}
		expect(perPoll.map((p) => p.length)).toEqual([2, 2, 1, 0]);
		expect(perPoll.flat()).toEqual(made);
	});

	it('checks only as often as asked: every N minutes of Harvest\'s clock', async () => {
		const params = { resource: 'task', event: 'deleted', limit: 50, options: { deletionCheckEvery: 10, deletionCheckUnit: 'minutes' } };
		const task = Number(mutate('tasks', 'create').id);
		const { staticData } = await activate(params);
		mutate('tasks', 'delete', {}, task);
		settle();
		const soon = await pollOnce(sandbox, params, staticData);
		expect([soon.items, soon.requests.length]).toEqual([null, 1]);
		sandbox.setClockOffset((offset += 600));
		const later = await pollOnce(sandbox, params, staticData);
		expect(ids(later.items)).toEqual([task]);
		expect(later.requests.length).toBe(3);
	});
});

describe('event "Field Changed"', () => {
	const invoiceParams = { resource: 'invoice', event: 'fieldChanged', watchField: 'state', limit: 50 };
	const openInvoice = () => account().invoices.all().find((i) => i.state === 'open')!;

	it('reports "invoice paid" once with previous and current, and nothing when its notes change afterwards', async () => {
		const invoice = openInvoice();
		const { staticData } = await activate({ ...invoiceParams, toValues: ['paid'] });
		mutate('invoices', 'update', {}, invoice.id, { state: 'paid', paid_at: Math.floor(sandbox.now().getTime() / 1000) });
		settle();
		const paid = await drain({ ...invoiceParams, toValues: ['paid'] }, staticData);
		expect(paid.map((i) => [i.json.id, i.json.event, i.json.field, i.json.previous, i.json.current])).toEqual([[invoice.id, 'changed', 'state', 'open', 'paid']]);
		mutate('invoices', 'update', { notes: 'Thanks for paying' }, invoice.id);
		settle();
		expect(await drain({ ...invoiceParams, toValues: ['paid'] }, staticData)).toEqual([]);
	});

	it('reports every transition with "any change", once each, across polls; a flip back within one second is no change', async () => {
		const invoice = openInvoice();
		const { staticData } = await activate(invoiceParams);
		mutate('invoices', 'update', {}, invoice.id, { state: 'closed' });
		settle();
		const closed = await drain(invoiceParams, staticData);
		mutate('invoices', 'update', {}, invoice.id, { state: 'open' });
		settle();
		const reopened = await drain(invoiceParams, staticData);
		expect([...closed, ...reopened].map((i) => `${i.json.previous}→${i.json.current}`)).toEqual(['open→closed', 'closed→open']);
		// Two writes in one second, ending where it started: the settled version shows no change.
		mutate('invoices', 'update', {}, invoice.id, { state: 'draft' });
		mutate('invoices', 'update', { notes: 'back to open in the same second' }, invoice.id, { state: 'open' });
		settle();
		expect(await drain(invoiceParams, staticData)).toEqual([]);
	});

	it('watches time entry approval: a new entry created already approved counts as a change from unsubmitted', async () => {
		const params = { resource: 'timeEntry', event: 'fieldChanged', watchField: 'approval_status', toValues: ['approved'], limit: 50 };
		const entry = { id: Number(mutate('time_entries', 'create', {}, undefined, { approval_status: 'submitted' }).id) };
		settle();
		const { staticData } = await activate(params);
		mutate('time_entries', 'update', {}, entry.id, { approval_status: 'approved' });
		const fresh = Number(mutate('time_entries', 'create', {}, undefined, { approval_status: 'approved' }).id);
		settle();
		const items = await drain(params, staticData);
		expect(items.map((i) => [i.json.id, i.json.previous, i.json.current]).sort()).toEqual(
			[[entry.id, 'submitted', 'approved'], [fresh, 'unsubmitted', 'approved']].sort(),
		);
		// With any change too; a new entry in Harvest's initial state is no change.
		const anyChange = await activate({ ...params, toValues: [] });
		const approved = Number(mutate('time_entries', 'create', {}, undefined, { approval_status: 'approved' }).id);
		mutate('time_entries', 'create', {});
		settle();
		const changes = await drain({ ...params, toValues: [] }, anyChange.staticData);
		expect(changes.map((i) => [i.json.id, i.json.previous, i.json.current])).toEqual([[approved, 'unsubmitted', 'approved']]);
	});

	it('"Fetch Test Event" returns a realistic changed item without touching the state', async () => {
		const manual = await pollOnce(sandbox, { ...invoiceParams, toValues: ['paid'] }, {}, { mode: 'manual' });
		// A real paid invoice; `previous` is Harvest's initial value, since only the activated trigger knows the real one.
		expect(manual.items?.[0].json).toMatchObject({ event: 'changed', field: 'state', previous: 'draft', current: 'paid', state: 'paid' });
		const deleted = await pollOnce(sandbox, { resource: 'timeEntry', event: 'deleted', limit: 50 }, {}, { mode: 'manual' });
		expect(Object.keys(deleted.items?.[0].json ?? {}).sort()).toEqual(['event', 'id', 'last_seen']);
		expect(deleted.items?.[0].json.last_seen).toMatchObject({ id: deleted.items?.[0].json.id });
		expect(manual.requests.every((r) => r.path === '/v2/invoices')).toBe(true);
		// With an activated watch's state: the manual run reads it not, and leaves it as it was.
		const { staticData } = await activate(invoiceParams);
		const before = JSON.stringify(staticData);
		const again = await pollOnce(sandbox, invoiceParams, staticData, { mode: 'manual' });
		expect(JSON.stringify(again.ctx.getWorkflowStaticData('node'))).toBe(before);
	});
});
