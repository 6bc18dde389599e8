/**
 * The pure parts of the Deleted and Field Changed events: the compact id store (sizes measured at 100,000 ids),
 * the memory of field values and its transitions (seeded property runs: values flipping within a poll and across
 * polls, first sightings, the date window), and when deletions are due and how many are reported per poll.
 */
import { checkDue, dateOfDay, dayNumber, missingIds, takePending, windowStart, type DeletionState } from '../../nodes/HarvestAppTrigger/poller/deletions';
import { WATCHED_FIELDS, watchedField, valueCode, valueOf } from '../../nodes/HarvestAppTrigger/poller/fields';
import { decodeIdMap, decodeIdSet, encodeIdMap, encodeIdSet } from '../../nodes/HarvestAppTrigger/poller/idset';
import { formatHarvestTime } from '../../nodes/HarvestAppTrigger/poller/time';
import { forgetBefore, transitionsOf, type FieldMemory } from '../../nodes/HarvestAppTrigger/poller/transitions';
import { chooseSeeds, Prng } from './prng';

const { seeds, source } = chooseSeeds('TRIGGER_EVENTS_SEED', [11, 22, 33, 44, 55]);
process.stdout.write(`poller events property runs: ${source} seeds ${seeds.join(', ')}\n`);

/** Ids of one Harvest account: Harvest numbers records across all accounts, so one account's ids have gaps. */
function accountIds(rng: Prng, count: number): number[] {
	const ids: number[] = [];
	let id = 600_000_000 + rng.int(0, 1_000_000);
	for (let i = 0; i < count; i++) ids.push((id += rng.int(1, 8000)));
	return ids;
}

describe('id store', () => {
	it.each(seeds)('keeps any set and map exactly (seed %p)', (seed) => {
		const rng = new Prng(seed);
		const ids = accountIds(rng, rng.int(0, 3000));
		expect([...(decodeIdSet(encodeIdSet(rng.chance(0.5) ? ids : [...ids].reverse())) ?? [])]).toEqual(ids);
		const map = new Map(ids.map((id) => [id, rng.int(-5, 400_000)]));
		expect(decodeIdMap(encodeIdMap(map))).toEqual(map);
	});

	it('holds 100,000 ids in under 320 KB as a set (1 MB as JSON), and 100,000 dated field values in under 560 KB', () => {
		const rng = new Prng(2026);
		const ids = accountIds(rng, 100_000);
		const set = encodeIdSet(ids);
		const map = encodeIdMap(new Map(ids.map((id) => [id, (20_400 + rng.int(0, 89)) * 16 + rng.int(0, 3)])));
		process.stdout.write(`100,000 ids: ${set.length} bytes as a set, ${map.length} bytes with a dated field value each, ${JSON.stringify(ids).length} as JSON\n`);
		expect(set.length).toBeLessThan(320_000);
		expect(map.length).toBeLessThan(560_000);
	});

	it('refuses text that is not its own, instead of misreading it', () => {
		for (const bad of [undefined, 42, '', 'x', '1*', 's!!', `s${'_'.repeat(20)}`, '1AA']) {
			expect([bad, decodeIdSet(bad)]).toEqual([bad, undefined]);
		}
		expect(decodeIdMap('sA')).toBeUndefined();
		expect(decodeIdSet('1A')).toBeUndefined();
	});
});

describe('field values and their transitions', () => {
	const state = watchedField('invoice', 'state')!;

	it('codes every watched field\'s values so that only equal values are equal', () => {
		for (const [resource, fields] of Object.entries(WATCHED_FIELDS)) {
			for (const field of fields) {
				const samples = field.kind === 'time' ? [null, '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z'] : field.kind === 'boolean' ? [null, true, false] : [null, ...field.values];
				const codes = samples.map((value) => valueCode(field, value));
				expect([resource, field.name, new Set(codes).size]).toEqual([resource, field.name, samples.length]);
				for (const [i, value] of samples.entries()) expect(valueOf(field, codes[i])).toEqual(value);
			}
		}
	});

	it.each(seeds)('report each change between examined versions once, in order, and the last value matches (seed %p)', (seed) => {
		const rng = new Prng(seed);
		const ids = [1, 2, 3, 4, 5];
		const truth = new Map(ids.map((id) => [id, rng.pick(state.values)]));
		const memory: FieldMemory = { codes: new Map(ids.map((id) => [id, valueCode(state, truth.get(id))])), dated: false };
		const anyMemory: FieldMemory = { codes: new Map(memory.codes), dated: false };
		const reported = new Map<number, Array<[unknown, unknown]>>();
		const paidOnly: number[] = [];
		const baseline = new Map(truth);
		for (let poll = 0; poll < 200; poll++) {
			// Between polls: some records change, some several times (flips within one second end in one version).
			const examined = [];
			for (const id of ids) {
				if (!rng.chance(0.4)) continue;
				for (let writes = rng.int(1, 3); writes > 0; writes--) truth.set(id, rng.pick(state.values));
				examined.push({ id, record: { id }, value: truth.get(id) });
			}
			for (const t of transitionsOf(examined, anyMemory, { field: state })) {
				const list = reported.get(t.record.id) ?? [];
				list.push([t.previous, t.current]);
				reported.set(t.record.id, list);
			}
			for (const t of transitionsOf(examined, memory, { field: state, wanted: ['paid'] })) {
				expect(t.current).toBe('paid');
				expect(t.previous).not.toBe('paid');
				paidOnly.push(t.record.id);
			}
		}
		for (const id of ids) {
			// A chain: each change starts where the last one ended, never "changes" to the same value, ends at the truth.
			let value: unknown = baseline.get(id);
			for (const [previous, current] of reported.get(id) ?? []) {
				expect([previous === value, current !== previous]).toEqual([true, true]);
				value = current;
			}
			expect(value).toBe(truth.get(id));
			// "To Values" reports exactly the changes into the wanted value.
			expect(paidOnly.filter((x) => x === id).length).toBe((reported.get(id) ?? []).filter(([, current]) => current === 'paid').length);
		}
	});

	it('first sightings: previous null and reported only for wanted values; dated memories forget what leaves the window', () => {
		const approval = watchedField('timeEntry', 'approval_status')!;
		const memory: FieldMemory = { codes: new Map(), dated: true };
		const seen = transitionsOf([{ id: 7, record: { id: 7 }, value: 'approved', day: 100 }, { id: 8, record: { id: 8 }, value: 'submitted', day: 130 }], memory, { field: approval, wanted: ['approved'] });
		expect(seen.map((t) => [t.record.id, t.previous, t.current])).toEqual([[7, null, 'approved']]);
		expect(transitionsOf([{ id: 9, record: { id: 9 }, value: 'approved', day: 130 }], memory, { field: approval })).toEqual([]);
		forgetBefore(memory, 120);
		expect([...memory.codes.keys()].sort()).toEqual([8, 9]);
		expect(transitionsOf([{ id: 8, record: { id: 8 }, value: 'approved', day: 130 }], memory, { field: approval })).toHaveLength(1);
	});
});

describe('deletions', () => {
	const base: DeletionState = { known: encodeIdSet([1, 2, 3]), since: null, checkedAt: formatHarvestTime(1_000_000), polls: 0, pending: [] };

	it('are checked every N polls, or every N minutes of Harvest\'s clock, and at once when never checked', () => {
		expect(checkDue({ ...base, checkedAt: null }, { count: 60, unit: 'minutes' }, 0)).toBe(true);
		expect(checkDue({ ...base, polls: 2 }, { count: 3, unit: 'polls' }, 0)).toBe(true);
		expect(checkDue({ ...base, polls: 1 }, { count: 3, unit: 'polls' }, 0)).toBe(false);
		expect(checkDue(base, { count: 10, unit: 'minutes' }, 1_000_000 + 599)).toBe(false);
		expect(checkDue(base, { count: 10, unit: 'minutes' }, 1_000_000 + 600)).toBe(true);
	});

	it.each(seeds)('find exactly the known ids missing from a listing, and report them Limit at a time, none twice (seed %p)', (seed) => {
		const rng = new Prng(seed);
		const known = new Set(accountIds(rng, 500));
		const gone = [...known].filter(() => rng.chance(0.1));
		const listed = new Set([...known].filter((id) => !gone.includes(id)).concat(accountIds(rng, 20)));
		expect(missingIds(known, listed)).toEqual([...gone].sort((a, b) => a - b));
		let state: DeletionState = { ...base, pending: missingIds(known, listed) };
		const reported: number[] = [];
		const limit = rng.int(1, 7);
		while (state.pending.length) {
			const taken = takePending(state, limit);
			expect(taken.report.length).toBeLessThanOrEqual(limit);
			reported.push(...taken.report);
			state = taken.state;
		}
		expect(reported).toEqual([...gone].sort((a, b) => a - b));
	});

	it('count date windows in whole days of Harvest\'s clock', () => {
		const serverTime = Date.UTC(2026, 11, 4, 23, 59, 59) / 1000;
		expect(dateOfDay(windowStart(serverTime, 90))).toBe('2026-09-06');
		expect(dateOfDay(windowStart(serverTime, 1))).toBe('2026-12-04');
		expect(dayNumber('2026-12-04')).toBe(windowStart(serverTime, 1));
		expect(dayNumber('2026-02-30x')).toBeUndefined();
	});
});
