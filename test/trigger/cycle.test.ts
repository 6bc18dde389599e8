/**
 * Examples of one whole poll (`poller/cycle.ts`) against the in-memory list: deletions (between polls, during a
 * read, recreated under a new id, archived rather than deleted, filters changed, more than the limit, lists
 * without lookups) and field changes (once per transition, flips within a second and across polls, edits that
 * leave the field alone, records created already changed, the date window, "Changed To").
 */
import { MAX_LOOKUPS_PER_POLL, runCycle, type CycleConfig, type CycleItem, type Tracking } from '../../nodes/HarvestAppTrigger/poller/cycle';
import type { FieldSpec } from '../../nodes/HarvestAppTrigger/poller/fieldChanges';
import { SETTLE_SECONDS } from '../../nodes/HarvestAppTrigger/poller/plan';
import { FakeHarvest, type FakeRecord, type WireRecord } from './fakeHarvest';
import { cycleConfig, fakeIO, type FakeIOOptions } from './fakeIO';

const START = Date.parse('2025-03-10T08:00:00Z') / 1000;
const STATE: FieldSpec = { name: 'state', kind: 'enum', values: ['closed', 'draft', 'open', 'paid'], initial: 'draft' };

type Item = CycleItem<WireRecord>;

function tracking(over: Partial<Tracking<WireRecord>> = {}): Tracking<WireRecord> {
	return { fingerprint: 'roster', listQs: {}, watched: () => true, deletions: { every: { count: 1, unit: 'polls' } }, ...over };
}

/** A trigger over one fake list: polls with a fresh IO each time and its state carried over as JSON. */
function watch(server: FakeHarvest, config: Partial<CycleConfig<WireRecord>>, io: FakeIOOptions = {}) {
	let stored: unknown;
	const full = cycleConfig(config);
	const self = {
		config: full,
		lastIO: fakeIO(server, io),
		get stored() {
			return stored as Record<string, unknown>;
		},
		async poll(): Promise<Item[]> {
			self.lastIO = fakeIO(server, io);
			const result = await runCycle(self.lastIO, full, stored);
			if (result.stored) stored = JSON.parse(JSON.stringify(result.stored));
			return result.items;
		},
		/** Polls once the server clock has moved past the hold-back, so every change so far is settled. */
		async settled(): Promise<Item[]> {
			server.now += SETTLE_SECONDS + 1;
			return await self.poll();
		},
	};
	return self;
}

const deleted = (items: Item[]) => items.filter((i) => i.event === 'deleted').map((i) => (i as { id: number }).id).sort((a, b) => a - b);
const changes = (items: Item[]) =>
	items.filter((i) => i.event === 'changed').map((i) => {
		const c = i as Extract<Item, { event: 'changed' }>;
		return [c.record.id, c.previous, c.current];
	});

describe('deletions', () => {
	let server: FakeHarvest;
	let existing: FakeRecord[];
	beforeEach(() => {
		server = new FakeHarvest(START);
		existing = Array.from({ length: 6 }, () => server.create(0, { is_active: true }));
		server.now += 5;
	});

	it('reports a known record deleted between polls once, with the content last seen when it was recent', async () => {
		const w = watch(server, { tracking: tracking() });
		expect(await w.poll()).toEqual([]); // activation: lists what exists
		server.now += 2;
		const fresh = server.create(0, { is_active: true });
		const items = await w.settled();
		expect(items.map((i) => i.event)).toEqual(['created']);

		server.delete(existing[2]);
		server.delete(fresh);
		const gone = await w.settled();
		expect(deleted(gone)).toEqual([existing[2].id, fresh.id].sort((a, b) => a - b));
		const freshItem = gone.find((i) => i.event === 'deleted' && i.id === fresh.id) as Extract<Item, { event: 'deleted' }>;
		expect(freshItem.lastSeen?.name).toBe(`${fresh.id}.0`);
		expect(await w.settled()).toEqual([]);
		expect(await w.settled()).toEqual([]);
	});

	it('does not report a record created and deleted between two polls (never seen)', async () => {
		const w = watch(server, { tracking: tracking() });
		await w.poll();
		server.now += 1;
		server.delete(server.create());
		expect(await w.settled()).toEqual([]);
	});

	it('finds no false deletion when a delete shifts the pages of the listing, and reports the deleted one once', async () => {
		let victim: FakeRecord | undefined;
		const w = watch(server, { tracking: tracking() }, {
			pageSize: 2,
			betweenPages: (page, kind) => {
				// The newest record, on the first page, disappears: every later record moves up one place.
				if (kind === 'list' && page === 1 && victim === undefined && w.stored) {
					victim = existing[existing.length - 1];
					server.delete(victim);
				}
			},
		});
		await w.poll();
		// The victim was read on the first page before it went; the record that slid onto that page unseen is a
		// candidate, looked up, and kept.
		const during = await w.settled();
		expect(victim).toBeDefined();
		expect(deleted(during)).toEqual([]);
		expect(w.lastIO.requests.filter((r) => r.kind === 'lookup')).toHaveLength(1);
		expect(deleted(await w.settled())).toEqual([victim!.id]);
		expect(deleted(await w.settled())).toEqual([]);
	});

	it('reports a record deleted and recreated under a new id as a deletion and a creation', async () => {
		const w = watch(server, { tracking: tracking() });
		await w.poll();
		server.now += 1;
		server.delete(existing[0]);
		const again = server.create(0, { is_active: true });
		const items = await w.settled();
		expect(items.filter((i) => i.event === 'created').map((i) => (i as { record: WireRecord }).record.id)).toEqual([again.id]);
		expect(deleted(items)).toEqual([existing[0].id]);
		expect(await w.settled()).toEqual([]);
	});

	it('does not take an archived record for a deleted one, under an "active only" filter', async () => {
		const active = (r: WireRecord) => r.is_active === true;
		const w = watch(server, {
			changeQs: { is_active: true },
			tracking: tracking({ watched: active }),
		});
		await w.poll();
		server.now += 1;
		server.update(existing[1], 0, { is_active: false }); // archived
		server.delete(existing[3]);
		expect(deleted(await w.settled())).toEqual([existing[3].id]);
		// The archived one left the watch silently; deleting it later is no event of this watch.
		server.now += 1;
		server.delete(existing[1]);
		expect(await w.settled()).toEqual([]);
	});

	it('forgets silently a record that left a query filter, after looking it up', async () => {
		for (const record of existing) server.update(record, 0, { group: 'a' });
		server.now += 2;
		const inGroup = (r: WireRecord) => r.group === 'a';
		const w = watch(server, { changeQs: { group: 'a' }, tracking: tracking({ listQs: { group: 'a' }, watched: inGroup }) });
		await w.poll();
		server.now += 1;
		server.update(existing[0], 0, { group: 'b' }); // moved elsewhere: gone from the filtered list, not deleted
		expect(await w.settled()).toEqual([]);
		expect(w.lastIO.requests.filter((r) => r.kind === 'lookup').map((r) => r.id)).toEqual([existing[0].id]);
		server.delete(existing[0]);
		expect(await w.settled()).toEqual([]);
		expect(w.lastIO.requests.filter((r) => r.kind === 'lookup')).toEqual([]);
	});

	it('starts the roster afresh when the filters change, so records filtered out are not deletions', async () => {
		const w = watch(server, { tracking: tracking() });
		await w.poll();
		await w.settled();
		// The same node with a narrower filter: a new fingerprint, carried-over static data.
		const odd = (r: WireRecord) => r.id % 2 === 1;
		const narrowed = { ...w.config, fingerprint: 'watch, odd ids', matches: odd, tracking: tracking({ fingerprint: 'roster, odd ids', watched: odd }) };
		let stored: unknown = w.stored;
		const poll = async () => {
			const result = await runCycle(fakeIO(server), narrowed, stored);
			stored = JSON.parse(JSON.stringify(result.stored ?? stored));
			return result;
		};
		const restart = await poll();
		expect(restart.items).toEqual([]);
		expect(restart.notes.listed).toBe(existing.filter((r) => odd(server.wire(r, r.versions[0]))).length);
		server.now += 1;
		const even = existing.find((r) => r.id % 2 === 0)!;
		const oddOne = existing.find((r) => r.id % 2 === 1)!;
		server.delete(even);
		server.delete(oddOne);
		server.now += SETTLE_SECONDS + 1;
		expect(deleted((await poll()).items)).toEqual([oddOne.id]);
	});

	it('reports more deletions than the limit over the next polls, each once', async () => {
		const w = watch(server, { limit: 2, tracking: tracking() });
		await w.poll();
		server.now += 1;
		for (const record of existing.slice(0, 5)) server.delete(record);
		const batches = [await w.settled(), await w.settled(), await w.settled(), await w.settled()];
		expect(batches.map((b) => b.length)).toEqual([2, 2, 1, 0]);
		expect(deleted(batches.flat())).toEqual(existing.slice(0, 5).map((r) => r.id).sort((a, b) => a - b));
	});

	it('looks up at most MAX_LOOKUPS_PER_POLL candidates per poll', async () => {
		for (let i = 0; i < MAX_LOOKUPS_PER_POLL + 10; i++) existing.push(server.create());
		const w = watch(server, { limit: 1000, tracking: tracking() });
		await w.poll();
		server.now += 1;
		for (const record of existing) server.delete(record);
		const first = await w.settled();
		expect(first).toHaveLength(MAX_LOOKUPS_PER_POLL);
		expect(w.lastIO.requests.filter((r) => r.kind === 'lookup')).toHaveLength(MAX_LOOKUPS_PER_POLL);
		expect(await w.settled()).toHaveLength(existing.length - MAX_LOOKUPS_PER_POLL);
	});

	it('trusts a keyset listing where Harvest has no lookup by id', async () => {
		const w = watch(server, { tracking: tracking() }, { lookups: false });
		await w.poll();
		server.now += 1;
		server.delete(existing[4]);
		expect(deleted(await w.settled())).toEqual([existing[4].id]);
		expect(await w.settled()).toEqual([]);
	});

	it('checks only when the interval on Harvest\'s clock has passed', async () => {
		const w = watch(server, { tracking: tracking({ deletions: { every: { count: 10, unit: 'minutes' } } }) });
		await w.poll();
		server.now += 1;
		server.delete(existing[0]);
		expect(await w.settled()).toEqual([]);
		expect(w.lastIO.requests.map((r) => r.kind)).toEqual(['read']);
		server.now += 600;
		expect(deleted(await w.poll())).toEqual([existing[0].id]);
	});

	it('tracks dated records within the window only, and lets older ones age out without lookups', async () => {
		const day = (offset: number) => new Date((START + offset * 86_400) * 1000).toISOString().slice(0, 10);
		const dated = [server.create(0, { spent_date: day(0) }), server.create(0, { spent_date: day(-30) })];
		server.now += 1;
		const w = watch(server, { tracking: tracking({ window: { days: 10, dateField: 'spent_date' } }) });
		await w.poll();
		server.delete(dated[1]); // outside the window: never tracked
		expect(await w.settled()).toEqual([]);
		server.now += 12 * 86_400; // dated[0] ages out of the window
		server.delete(dated[0]);
		expect(await w.poll()).toEqual([]);
		expect(w.lastIO.requests.filter((r) => r.kind === 'lookup')).toEqual([]);
	});
});

describe('field changes', () => {
	let server: FakeHarvest;
	let invoice: FakeRecord;
	const fieldWatch = (to: string[] = []) => ({ event: 'fieldChanged' as const, field: { spec: STATE, to }, tracking: tracking({ deletions: undefined }) });

	beforeEach(() => {
		server = new FakeHarvest(START);
		invoice = server.create(0, { state: 'open', notes: 'a' });
		server.now += 5;
	});

	it('reports each transition once, and nothing for later edits that leave the field alone', async () => {
		const w = watch(server, fieldWatch());
		await w.poll();
		server.now += 1;
		server.update(invoice, 0, { state: 'paid' });
		expect(changes(await w.settled())).toEqual([[invoice.id, 'open', 'paid']]);
		expect(await w.settled()).toEqual([]);
		server.update(invoice, 0, { notes: 'thanks for paying' });
		expect(await w.settled()).toEqual([]);
		server.update(invoice, 0, { state: 'open' });
		server.now += 3;
		server.update(invoice, 0, { state: 'paid' });
		expect(changes([...(await w.settled()), ...(await w.settled())])).toEqual([]);
	});

	it('sees a flip that is undone within one second as no change, and reports flips across polls each time', async () => {
		const w = watch(server, fieldWatch());
		await w.poll();
		server.now += 1;
		server.update(invoice, 0, { state: 'paid' });
		server.update(invoice, 0, { state: 'open' });
		expect(await w.settled()).toEqual([]);
		for (const state of ['paid', 'open', 'paid']) {
			server.update(invoice, 0, { state });
			const items = await w.settled();
			expect(changes(items)).toEqual([[invoice.id, state === 'paid' ? 'open' : 'paid', state]]);
		}
	});

	it('reports a record created after the start in a changed state as a change from Harvest\'s initial value', async () => {
		const w = watch(server, fieldWatch());
		await w.poll();
		server.now += 1;
		const paid = server.create(0, { state: 'paid' });
		const draft = server.create(0, { state: 'draft' });
		const items = await w.settled();
		expect(changes(items)).toEqual([[paid.id, 'draft', 'paid']]);
		server.update(draft, 0, { state: 'open' });
		expect(changes(await w.settled())).toEqual([[draft.id, 'draft', 'open']]);
	});

	it('reports only changes to the chosen values, and remembers the others', async () => {
		const w = watch(server, fieldWatch(['paid']));
		await w.poll();
		server.now += 1;
		server.update(invoice, 0, { state: 'closed' });
		expect(await w.settled()).toEqual([]);
		server.update(invoice, 0, { state: 'paid' });
		expect(changes(await w.settled())).toEqual([[invoice.id, 'closed', 'paid']]);
	});

	it('spreads more transitions than the limit over the next polls, oldest first', async () => {
		const many = Array.from({ length: 5 }, () => server.create(0, { state: 'open' }));
		server.now += 5;
		const w = watch(server, { ...fieldWatch(), limit: 2 });
		await w.poll();
		for (const record of many) {
			server.now += 1;
			server.update(record, 0, { state: 'paid' });
		}
		const batches = [await w.settled(), await w.settled(), await w.settled(), await w.settled()];
		expect(batches.map((b) => b.length)).toEqual([2, 2, 1, 0]);
		expect(batches.flat().map((i) => (i as { record: WireRecord }).record.id)).toEqual(many.map((r) => r.id));
	});
});
