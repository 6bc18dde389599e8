/**
 * The trigger under n8n's durable scheduler with durable poll cursors, as n8n 2.41 runs it: the poll at
 * activation runs with activation mode "activate" and n8n keeps nothing of the node's state from it unless it
 * emits items (only the workflow's global static data is saved when activation ends); its scheduled ticks run
 * with activation mode "update", each in a fresh context from the saved state, and a tick's global static data
 * is saved only when it emits. Every change after activation must be reported once.
 */
import type { IDataObject } from 'n8n-workflow';

import { SETTLE_SECONDS } from '../../nodes/HarvestAppTrigger/poller/plan';
import { ANCHORS_KEY, forgetAnchorsInProcess } from '../../nodes/HarvestAppTrigger/startAnchors';
import { resetBudgets } from '../../nodes/shared/transport/governor';
import { startSandbox, type Sandbox } from '../sandbox';
import { ids, pollOnce, stateOf } from './support';

let sandbox: Sandbox;
let offset = 200;

beforeAll(async () => {
	sandbox = await startSandbox({ records: 60, rateLimits: false, clockOffsetSeconds: offset });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.setClockOffset((offset += 5));
	resetBudgets();
	forgetAnchorsInProcess();
});
const settle = () => sandbox.setClockOffset((offset += SETTLE_SECONDS + 1));
const create = () => Number((sandbox.mutate({ resource: 'time_entries', action: 'create', fields: {} }) as IDataObject).id);
const remove = (id: number) => sandbox.mutate({ resource: 'time_entries', action: 'delete', fields: {}, id });

/** The workflow's saved static data, as n8n keeps it between its polls. */
interface Saved {
	node: IDataObject;
	global: IDataObject;
}

/** The poll n8n runs at activation: the node's state it leaves is dropped unless it emits; global data is saved. */
async function activationPoll(parameters: IDataObject, saved: Saved) {
	const node = JSON.parse(JSON.stringify(saved.node)) as IDataObject;
	const outcome = await pollOnce(sandbox, parameters, node, { activationMode: 'activate', globalStaticData: saved.global });
	if (outcome.items) saved.node = node;
	return outcome;
}

/** One scheduled tick: the node's state is committed with it; global data is saved only when it emits. */
async function tick(parameters: IDataObject, saved: Saved) {
	const global = JSON.parse(JSON.stringify(saved.global)) as IDataObject;
	const outcome = await pollOnce(sandbox, parameters, saved.node, { activationMode: 'update', globalStaticData: global });
	if (outcome.items) saved.global = global;
	return outcome;
}

const newOrUpdated = { resource: 'timeEntry', event: 'newOrUpdated', limit: 100, filters: {}, options: {} };

describe('durable scheduler: the beginning of a watch survives the activation poll', () => {
	it('the first tick reports every change made since activation, once; later ticks nothing again', async () => {
		const saved: Saved = { node: {}, global: {} };
		expect((await activationPoll(newOrUpdated, saved)).items).toBeNull();
		expect(saved.node).toEqual({});
		expect(Object.keys(saved.global[ANCHORS_KEY] as IDataObject)).toEqual(['node-under-test']);
		const made = [create(), create(), create()];
		settle();
		expect(ids((await tick(newOrUpdated, saved)).items).sort()).toEqual([...made].sort());
		expect(stateOf(saved.node)).toBeDefined();
		settle();
		expect((await tick(newOrUpdated, saved)).items).toBeNull();
		// The next tick that emits saves the global data without the anchor.
		const later = create();
		settle();
		expect(ids((await tick(newOrUpdated, saved)).items)).toEqual([later]);
		expect(saved.global[ANCHORS_KEY]).toBeUndefined();
	});

	it('works from the saved anchor alone (a restarted main, or a tick on another main)', async () => {
		const saved: Saved = { node: {}, global: {} };
		await activationPoll(newOrUpdated, saved);
		const made = create();
		settle();
		forgetAnchorsInProcess();
		expect(ids((await tick(newOrUpdated, saved)).items)).toEqual([made]);
	});

	it('works from the anchor in this process when the tick runs before activation has saved it', async () => {
		const saved: Saved = { node: {}, global: {} };
		await activationPoll(newOrUpdated, { node: {}, global: {} });
		const made = create();
		settle();
		expect(ids((await tick(newOrUpdated, saved)).items)).toEqual([made]);
	});

	it('an anchor from an earlier activation that never ticked is not taken up: nothing from while the workflow was off', async () => {
		const saved: Saved = { node: {}, global: {} };
		await activationPoll(newOrUpdated, saved);
		create(); // made while the workflow was off again
		settle();
		expect((await activationPoll(newOrUpdated, saved)).items).toBeNull();
		const made = create();
		settle();
		expect(ids((await tick(newOrUpdated, saved)).items)).toEqual([made]);
	});

	it('a deletion in the gap is reported: the anchor carries the memory of what existed at activation', async () => {
		const deleted = { resource: 'timeEntry', event: 'deleted', limit: 50, options: { deletionCheckEvery: 1, deletionCheckUnit: 'polls' } };
		const existing = create();
		settle();
		const saved: Saved = { node: {}, global: {} };
		await activationPoll(deleted, saved);
		remove(existing);
		settle();
		const first = await tick(deleted, saved);
		expect((first.items ?? []).map((item) => [item.json.id, item.json.event])).toEqual([[existing, 'deleted']]);
	});
});

describe("n8n's default scheduler: the state is kept from the first poll", () => {
	it('the anchor is dropped as soon as a poll finds the saved state', async () => {
		const node: IDataObject = {};
		const global: IDataObject = {};
		expect((await pollOnce(sandbox, newOrUpdated, node, { activationMode: 'activate', globalStaticData: global })).items).toBeNull();
		expect(global[ANCHORS_KEY]).toBeDefined();
		const made = create();
		settle();
		expect(ids((await pollOnce(sandbox, newOrUpdated, node, { activationMode: 'activate', globalStaticData: global })).items)).toEqual([made]);
		expect(global[ANCHORS_KEY]).toBeUndefined();
	});
});
