/**
 * One poll at a time per trigger node. n8n starts the next poll on schedule even while the previous one still
 * runs; the second must end at once, sending nothing and leaving the state alone, and the poll after it must
 * read on from where the first one left off.
 */
import type { IDataObject } from 'n8n-workflow';

import { claimPoll, POLL_LEASE_MS, releasePoll } from '../../nodes/HarvestAppTrigger/pollGuard';
import { SETTLE_SECONDS } from '../../nodes/HarvestAppTrigger/poller/plan';
import { startSandbox, type Sandbox } from '../sandbox';
import { ids, pollOnce, stateOf } from './support';

describe('claimPoll / releasePoll', () => {
	it('lets one poll of a node run; others of that node are turned away until it is released', () => {
		expect(claimPoll('wf\u0000a', 1000)).toBe(true);
		expect(claimPoll('wf\u0000a', 2000)).toBe(false);
		expect(claimPoll('wf\u0000b', 2000)).toBe(true);
		releasePoll('wf\u0000a', 1000);
		expect(claimPoll('wf\u0000a', 3000)).toBe(true);
		releasePoll('wf\u0000a', 3000);
		releasePoll('wf\u0000b', 2000);
	});

	it('stops a poll that never ended from blocking forever, and its late release does not free its successor', () => {
		expect(claimPoll('wf\u0000stuck', 0)).toBe(true);
		expect(claimPoll('wf\u0000stuck', POLL_LEASE_MS - 1)).toBe(false);
		expect(claimPoll('wf\u0000stuck', POLL_LEASE_MS)).toBe(true);
		releasePoll('wf\u0000stuck', 0);
		expect(claimPoll('wf\u0000stuck', POLL_LEASE_MS + 1)).toBe(false);
		releasePoll('wf\u0000stuck', POLL_LEASE_MS);
		expect(claimPoll('wf\u0000stuck', POLL_LEASE_MS + 2)).toBe(true);
		releasePoll('wf\u0000stuck', POLL_LEASE_MS + 2);
	});
});

describe('overlapping polls of one trigger node', () => {
	let sandbox: Sandbox;
	let offset = 60;
	beforeAll(async () => {
		sandbox = await startSandbox({ records: 40, rateLimits: false, clockOffsetSeconds: offset });
	});
	afterAll(async () => await sandbox.close());
	const settle = () => sandbox.setClockOffset((offset += SETTLE_SECONDS + 1));
	const parameters = { resource: 'timeEntry', event: 'newOrUpdated', limit: 100, filters: {}, options: {} };

	it('the second ends at once with nothing sent and the state untouched; the next poll reads on', async () => {
		const staticData: IDataObject = {};
		expect((await pollOnce(sandbox, parameters, staticData)).items).toBeNull();
		const created = [1, 2, 3].map(() => sandbox.mutate({ resource: 'time_entries', action: 'create', fields: {} }) as IDataObject);
		settle();
		const before = JSON.stringify(staticData);

		// The first poll is held inside its read; a second poll of the same node starts meanwhile.
		let releaseFirst: () => void = () => undefined;
		const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
		let firstReading: () => void = () => undefined;
		const firstIsReading = new Promise<void>((resolve) => (firstReading = resolve));
		const firstState: IDataObject = JSON.parse(before);
		const first = pollOnce(sandbox, parameters, firstState, {
			wrap: async (send) => {
				firstReading();
				await firstHeld;
				return await send();
			},
		});
		await firstIsReading;
		const second = await pollOnce(sandbox, parameters, staticData);
		expect(second.items).toBeNull();
		expect(second.requests).toEqual([]);
		expect(JSON.stringify(staticData)).toBe(before);

		releaseFirst();
		const firstDone = await first;
		expect(ids(firstDone.items).sort()).toEqual(created.map((c) => Number(c.id)).sort());
		// With the first released, the node polls again, from the state the first one saved: nothing is repeated.
		const third = await pollOnce(sandbox, parameters, firstState);
		expect(third.items).toBeNull();
		expect(stateOf(firstState)?.cursor).toBeDefined();
	});

	it('"Fetch Test Event" neither waits for nor blocks an activated poll', async () => {
		const staticData: IDataObject = {};
		await pollOnce(sandbox, parameters, staticData);
		sandbox.mutate({ resource: 'time_entries', action: 'create', fields: {} });
		settle();
		let release: () => void = () => undefined;
		const held = new Promise<void>((resolve) => (release = resolve));
		let reading: () => void = () => undefined;
		const isReading = new Promise<void>((resolve) => (reading = resolve));
		const activated = pollOnce(sandbox, parameters, staticData, { wrap: async (send) => (reading(), await held, await send()) });
		await isReading;
		const manual = await pollOnce(sandbox, parameters, {}, { mode: 'manual' });
		expect(manual.items?.length).toBe(1);
		release();
		expect((await activated).items?.length).toBe(1);
	});
});
