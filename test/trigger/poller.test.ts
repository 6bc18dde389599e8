import { assessPages } from '../../nodes/HarvestAppTrigger/poller/pages';
import { newest, plan, readWindow, type PlanInput, type WatchEvent } from '../../nodes/HarvestAppTrigger/poller/plan';
import { fingerprintOf, loadState, startState, type WatchState } from '../../nodes/HarvestAppTrigger/poller/state';
import {
	formatHarvestTime,
	parseHarvestTime,
	parseHttpDate,
	parseStartDate,
} from '../../nodes/HarvestAppTrigger/poller/time';

const T0 = Date.parse('2024-05-01T12:00:00Z') / 1000;
const iso = (offset: number) => formatHarvestTime(T0 + offset);
const rec = (id: number, created: number, updated = created) => ({ id, created_at: iso(created), updated_at: iso(updated) });
const FP = fingerprintOf({ resource: 'tasks', event: 'newOrUpdated' });

type Rec = ReturnType<typeof rec>;

function run(state: WatchState, records: Rec[], extra: Partial<PlanInput<Rec>> = {}) {
	return plan<Rec>({ state, records, event: 'newOrUpdated' as WatchEvent, limit: 50, overlapSeconds: 60, complete: true, ...extra });
}
const ids = (result: { emit: Array<{ record: { id: unknown } }> }) => result.emit.map((e) => e.record.id);

describe('poller time helpers', () => {
	it('reads Harvest date-times, HTTP dates and start dates as whole server seconds', () => {
		expect(parseHarvestTime('2024-05-01T12:00:00Z')).toBe(T0);
		expect(parseHarvestTime('2024-05-01T14:00:00+02:00')).toBe(T0);
		expect(parseHarvestTime('2024-05-01T12:00:00.900Z')).toBe(T0);
		expect(parseHarvestTime('yesterday')).toBeUndefined();
		expect(parseHarvestTime(null)).toBeUndefined();
		expect(parseHttpDate('Wed, 01 May 2024 12:00:00 GMT')).toBe(T0);
		expect(parseHttpDate('')).toBeUndefined();
		expect(parseStartDate('2024-05-01')).toBe(T0 - 12 * 3600);
		expect(parseStartDate('2024-05-01T12:00:00')).toBe(T0);
		expect(parseStartDate('2024-05-01 12:00:00')).toBe(T0);
		expect(parseStartDate('not a date')).toBeUndefined();
		expect(parseStartDate('2024-05-01T14:00:00', 'Europe/Berlin')).toBe(T0);
		expect(parseStartDate('2024-05-01T12:00:00Z', 'Europe/Berlin')).toBe(T0);
		expect(parseStartDate(new Date(T0 * 1000))).toBe(T0);
		expect(formatHarvestTime(T0)).toBe('2024-05-01T12:00:00Z');
	});
});

describe('poller state', () => {
	it('fingerprints ignore key order and empty values', () => {
		expect(fingerprintOf({ a: 1, b: { y: 2, x: '' } })).toBe(fingerprintOf({ b: { y: 2 }, a: 1, c: undefined }));
		expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
	});

	it('starts at the server time, at a date, or at the beginning', () => {
		expect(startState(FP, { kind: 'now', serverTime: T0 })).toEqual({
			version: 1,
			fingerprint: FP,
			cursor: iso(0),
			horizon: null,
			floor: iso(0),
			seen: [],
		});
		expect(startState(FP, { kind: 'date', time: T0 - 86400 }).floor).toBe(iso(-86400));
		expect(startState(FP, { kind: 'everything' })).toMatchObject({ cursor: null, floor: null });
	});

	it('loads only an intact state for the same watch', () => {
		const state = startState(FP, { kind: 'now', serverTime: T0 });
		expect(loadState(state, FP)).toBe(state);
		expect(loadState(state, fingerprintOf({ other: true }))).toBeUndefined();
		expect(loadState(undefined, FP)).toBeUndefined();
		expect(loadState({ ...state, version: 0 }, FP)).toBeUndefined();
		expect(loadState({ ...state, cursor: 'soon' }, FP)).toBeUndefined();
		expect(loadState({ ...state, seen: [[1]] }, FP)).toBeUndefined();
		expect(loadState({ ...state, seen: 'x' }, FP)).toBeUndefined();
	});
});

describe('readWindow', () => {
	it('reads everything before the first watermark exists', () => {
		expect(readWindow(startState(FP, { kind: 'everything' }), 60)).toEqual({});
	});

	it('reads from one overlap (and one second) below the watermark', () => {
		expect(readWindow(startState(FP, { kind: 'now', serverTime: T0 }), 60)).toEqual({ updatedSince: iso(-61) });
		expect(readWindow(startState(FP, { kind: 'now', serverTime: T0 }), 0)).toEqual({ updatedSince: iso(-1) });
	});

	it('never reads below the horizon, even when the overlap grows', () => {
		const state = { ...startState(FP, { kind: 'now', serverTime: T0 }), horizon: iso(-10) };
		expect(readWindow(state, 3600)).toEqual({ updatedSince: iso(-11) });
	});
});

describe('plan', () => {
	const fresh = () => startState(FP, { kind: 'now', serverTime: T0 });

	it('reports nothing from before the start, and creations after it', () => {
		const result = run(fresh(), [rec(1, -30), rec(2, -5, -1), rec(3, 0), rec(4, 10)], { serverTime: T0 + 20 });
		expect(result.emit).toEqual([
			{ record: rec(3, 0), event: 'created' },
			{ record: rec(4, 10), event: 'created' },
		]);
		expect(result.state.cursor).toBe(iso(20));
		expect(result.state.horizon).toBe(iso(-40));
		expect(result.state.seen).toEqual([
			[3, iso(0)],
			[4, iso(10)],
		]);
	});

	it('reports an update of an older record as "updated", and a record created and edited since as "created"', () => {
		const result = run(fresh(), [rec(1, -3600, 5), rec(2, 3, 8)]);
		expect(result.emit.map((e) => [e.record.id, e.event])).toEqual([
			[2, 'created'],
			[1, 'updated'],
		]);
	});

	it('orders creations by created_at and updates by updated_at, ties by id', () => {
		const result = run(fresh(), [rec(9, 5), rec(3, -999, 5), rec(7, 2, 40), rec(1, -999, 1)]);
		expect(ids(result)).toEqual([1, 7, 3, 9]);
	});

	it('with "New", leaves updates out entirely', () => {
		const result = run(fresh(), [rec(1, -3600, 5), rec(2, 3, 8)], { event: 'new' });
		expect(result.emit).toEqual([{ record: rec(2, 3, 8), event: 'created' }]);
	});

	it('does not emit a version twice, nor an older version after a newer one', () => {
		const first = run(fresh(), [rec(1, 1, 5)], { serverTime: T0 + 6 });
		expect(ids(first)).toEqual([1]);
		expect(ids(run(first.state, [rec(1, 1, 5)], { serverTime: T0 + 7 }))).toEqual([]);
		expect(ids(run(first.state, [rec(1, 1, 3)], { serverTime: T0 + 7 }))).toEqual([]);
		const later = run(first.state, [rec(1, 1, 9)], { serverTime: T0 + 10 });
		expect(later.emit).toEqual([{ record: rec(1, 1, 9), event: 'updated' }]);
	});

	it('catches a write that lands late inside the overlap, before the watermark', () => {
		const first = run(fresh(), [rec(1, 10)], { serverTime: T0 + 30 });
		expect(first.state.cursor).toBe(iso(30));
		const second = run(first.state, [rec(1, 10), rec(2, 25)], { serverTime: T0 + 90 });
		expect(second.emit).toEqual([{ record: rec(2, 25), event: 'created' }]);
	});

	it('splits a run of equal seconds across polls without skipping or repeating', () => {
		const same = [5, 4, 3, 2, 1].map((id) => rec(id, -100, 7));
		let state = fresh();
		for (const expected of [[1, 2], [3, 4], [5]]) {
			const result = run(state, same, { limit: 2, serverTime: T0 + 50 });
			expect(ids(result)).toEqual(expected);
			state = result.state;
			// The watermark stays at the tied second until the whole run is out.
			expect(state.cursor).toBe(result.pending ? iso(7) : iso(50));
		}
		expect(ids(run(state, same, { limit: 2, serverTime: T0 + 51 }))).toEqual([]);
	});

	it('carries the rest over when the limit cuts, oldest change first', () => {
		const records = Array.from({ length: 7 }, (_, i) => rec(100 + i, 10 * i));
		const first = run(fresh(), records, { limit: 3, serverTime: T0 + 500 });
		expect(ids(first)).toEqual([100, 101, 102]);
		expect(first.pending).toBe(4);
		expect(first.state.cursor).toBe(iso(20));
		const second = run(first.state, records, { limit: 3, serverTime: T0 + 510 });
		expect(ids(second)).toEqual([103, 104, 105]);
		const third = run(second.state, records, { limit: 3, serverTime: T0 + 520 });
		expect(ids(third)).toEqual([106]);
		expect(third.pending).toBe(0);
		expect(third.state.cursor).toBe(iso(520));
	});

	it('keeps the watermark when the read was incomplete, and still never repeats', () => {
		const first = run(fresh(), [rec(1, 5), rec(3, 9)], { complete: false, serverTime: T0 + 100 });
		expect(ids(first)).toEqual([1, 3]);
		expect(first.state.cursor).toBe(iso(0));
		const second = run(first.state, [rec(1, 5), rec(2, 7), rec(3, 9)], { serverTime: T0 + 101 });
		expect(ids(second)).toEqual([2]);
		expect(second.state.cursor).toBe(iso(101));
	});

	it('prunes what it remembers to the overlap window', () => {
		const first = run(fresh(), [rec(1, 1), rec(2, 50)], { serverTime: T0 + 30 });
		expect(first.state.seen.map(([id]) => id)).toEqual([1, 2]);
		const second = run(first.state, [rec(2, 50)], { serverTime: T0 + 115 });
		expect(second.state.horizon).toBe(iso(55));
		expect(second.state.seen).toEqual([]);
	});

	it('does not re-emit when the overlap is raised between polls', () => {
		const first = run(fresh(), [rec(1, 1), rec(2, 50)], { serverTime: T0 + 200 });
		// seen was pruned below 140; a bigger overlap must not make 1 and 2 look new again.
		const second = run(first.state, [rec(1, 1), rec(2, 50)], { overlapSeconds: 3600, serverTime: T0 + 201 });
		expect(ids(second)).toEqual([]);
		expect(second.state.horizon).toBe(iso(140));
	});

	it('includes existing records when started at the beginning, as creations', () => {
		const state = startState(FP, { kind: 'everything' });
		const result = run(state, [rec(1, -9999, -5), rec(2, -50)], { limit: 1, serverTime: T0 });
		expect(result.emit).toEqual([{ record: rec(1, -9999, -5), event: 'created' }]);
		expect(result.state.cursor).toBe(iso(-9999));
		expect(ids(run(result.state, [rec(1, -9999, -5), rec(2, -50)], { serverTime: T0 }))).toEqual([2]);
	});

	it('starts from a date: older creations are updates, nothing before the date is reported', () => {
		const state = startState(FP, { kind: 'date', time: T0 - 1000 });
		const result = run(state, [rec(1, -5000, -2000), rec(2, -5000, -500), rec(3, -900)], { serverTime: T0 });
		expect(result.emit.map((e) => [e.record.id, e.event])).toEqual([
			[3, 'created'],
			[2, 'updated'],
		]);
	});

	it('counts and skips records it cannot place', () => {
		const result = run(fresh(), [{ id: 1, created_at: 'x', updated_at: iso(1) }, { id: 'abc', created_at: iso(1), updated_at: iso(1) }, rec(2, 3)] as never);
		expect(ids(result)).toEqual([2]);
		expect(result.invalid).toBe(2);
	});

	it('accepts numeric-string ids', () => {
		const result = run(fresh(), [{ id: '12', created_at: iso(1), updated_at: iso(1) }] as never);
		expect(result.emit).toHaveLength(1);
		expect(result.state.seen).toEqual([[12, iso(1)]]);
	});
});

describe('newest (manual runs)', () => {
	const records = [rec(1, 0, 50), rec(2, 10), rec(3, 20, 20)];

	it('picks the latest by updated_at, labelled like a first sighting', () => {
		expect(newest(records, 'newOrUpdated', 2)).toEqual([
			{ record: rec(1, 0, 50), event: 'updated' },
			{ record: rec(3, 20, 20), event: 'created' },
		]);
	});

	it('picks the latest by created_at for "New"', () => {
		expect(newest(records, 'new', 1)).toEqual([{ record: rec(3, 20, 20), event: 'created' }]);
	});

	it('returns nothing for no records', () => {
		expect(newest([], 'new', 1)).toEqual([]);
	});
});

describe('assessPages', () => {
	const page = (records: ReturnType<typeof rec>[], totalEntries?: number) => ({ records, totalEntries });

	it('trusts a single page', () => {
		expect(assessPages([page([rec(1, 1)], 1)], undefined)).toEqual({ records: [rec(1, 1)], complete: true });
	});

	it('trusts consistent pages', () => {
		expect(assessPages([page([rec(1, 1), rec(2, 2)], 3), page([rec(3, 3)], 3)], T0 + 10).complete).toBe(true);
	});

	it.each([
		['total_entries changed', [page([rec(1, 1), rec(2, 2)], 4), page([rec(3, 3)], 3)], T0 + 10],
		['an id twice', [page([rec(1, 1), rec(2, 2)], 3), page([rec(2, 2)], 3)], T0 + 10],
		['a write during the read', [page([rec(1, 1), rec(2, 2)], 3), page([rec(3, 10)], 3)], T0 + 10],
		['a missing record', [page([rec(1, 1), rec(2, 2)], 4), page([rec(3, 3)], 4)], T0 + 10],
		['no server time', [page([rec(1, 1)], 2), page([rec(3, 3)], 2)], undefined],
	])('flags pages as incomplete on %s', (_name, pages, serverTime) => {
		const result = assessPages(pages, serverTime);
		expect(result.complete).toBe(false);
		expect(result.reason).toEqual(expect.any(String));
		expect(result.records).toHaveLength(pages.reduce((n, p) => n + p.records.length, 0));
	});
});
