import { assessPages } from '../../nodes/HarvestAppTrigger/poller/pages';
import { newest, plan, readWindow, SETTLE_SECONDS, type PlanInput, type WatchEvent } from '../../nodes/HarvestAppTrigger/poller/plan';
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
/** A record with content, for checks that the emitted version is the record's last one in its second. */
const named = (id: number, created: number, updated: number, name: string) => ({ ...rec(id, created, updated), name });
const FP = fingerprintOf({ resource: 'tasks', event: 'newOrUpdated' });

type Rec = ReturnType<typeof rec>;

/** One plan; unless a test says otherwise the read happens long after every record's second is over. */
function run<R extends Rec = Rec>(state: WatchState, records: R[], extra: Partial<PlanInput<R>> = {}) {
	return plan<R>({
		state,
		records,
		event: 'newOrUpdated' as WatchEvent,
		limit: 50,
		overlapSeconds: 60,
		complete: true,
		serverTime: T0 + 3600,
		...extra,
	});
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
		// The watermark stops where the read's settled part ends, SETTLE_SECONDS before its Date.
		expect(result.state.cursor).toBe(iso(20 - SETTLE_SECONDS));
		expect(result.state.horizon).toBe(iso(20 - SETTLE_SECONDS - 60));
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
		const first = run(fresh(), [rec(1, 1, 5)], { serverTime: T0 + 7 });
		expect(ids(first)).toEqual([1]);
		expect(ids(run(first.state, [rec(1, 1, 5)], { serverTime: T0 + 8 }))).toEqual([]);
		expect(ids(run(first.state, [rec(1, 1, 3)], { serverTime: T0 + 8 }))).toEqual([]);
		const later = run(first.state, [rec(1, 1, 9)], { serverTime: T0 + 11 });
		expect(later.emit).toEqual([{ record: rec(1, 1, 9), event: 'updated' }]);
	});

	it('catches a write that lands late inside the overlap, before the watermark', () => {
		const first = run(fresh(), [rec(1, 10)], { serverTime: T0 + 30 });
		expect(first.state.cursor).toBe(iso(29));
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
			expect(state.cursor).toBe(result.pending ? iso(7) : iso(49));
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
		expect(third.state.cursor).toBe(iso(519));
	});

	it('keeps the watermark when the read was incomplete, and still never repeats', () => {
		const first = run(fresh(), [rec(1, 5), rec(3, 9)], { complete: false, serverTime: T0 + 100 });
		expect(ids(first)).toEqual([1, 3]);
		expect(first.state.cursor).toBe(iso(0));
		const second = run(first.state, [rec(1, 5), rec(2, 7), rec(3, 9)], { serverTime: T0 + 101 });
		expect(ids(second)).toEqual([2]);
		expect(second.state.cursor).toBe(iso(100));
	});

	it('prunes what it remembers to the overlap window', () => {
		const first = run(fresh(), [rec(1, 1), rec(2, 50)], { serverTime: T0 + 60 });
		expect(first.state.seen.map(([id]) => id)).toEqual([1, 2]);
		const second = run(first.state, [rec(2, 50)], { serverTime: T0 + 116 });
		expect(second.state.horizon).toBe(iso(55));
		expect(second.state.seen).toEqual([]);
	});

	it('does not re-emit when the overlap is raised between polls', () => {
		const first = run(fresh(), [rec(1, 1), rec(2, 50)], { serverTime: T0 + 200 });
		// seen was pruned below 139; a bigger overlap must not make 1 and 2 look new again.
		const second = run(first.state, [rec(1, 1), rec(2, 50)], { overlapSeconds: 3600, serverTime: T0 + 201 });
		expect(ids(second)).toEqual([]);
		expect(second.state.horizon).toBe(iso(139));
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
		const result = run(fresh(), [{ id: '12', created_at: iso(1), updated_at: iso(1) }] as never, { serverTime: T0 + 30 });
		expect(result.emit).toHaveLength(1);
		expect(result.state.seen).toEqual([[12, iso(1)]]);
	});
});

describe('plan: versions whose second may not be over', () => {
	const fresh = () => startState(FP, { kind: 'now', serverTime: T0 });
	const content = (result: { emit: Array<{ record: { id: unknown; name?: string }; event: string }> }) =>
		result.emit.map((e) => [e.record.id, e.record.name, e.event]);

	it('reports the last content of a second when a record changes twice within it', () => {
		// Created as "Alpha" at second 3 and read in that second: "Alpha" may not be final, so it waits.
		const alpha = run(fresh(), [named(1, 3, 3, 'Alpha')], { serverTime: T0 + 3 });
		expect(alpha.emit).toEqual([]);
		expect(alpha.unsettled).toBe(1);
		// Renamed within the same second: same updated_at. One second later it still waits (the safety margin).
		const beta = [named(1, 3, 3, 'Beta')];
		const stillWaiting = run(alpha.state, beta, { serverTime: T0 + 3 + SETTLE_SECONDS });
		expect(stillWaiting.emit).toEqual([]);
		const settled = run(stillWaiting.state, beta, { serverTime: T0 + 4 + SETTLE_SECONDS });
		expect(content(settled)).toEqual([[1, 'Beta', 'created']]);
		expect(settled.unsettled).toBe(0);
		expect(run(settled.state, beta, { serverTime: T0 + 30 }).emit).toEqual([]);
	});

	it('holds back an update of a known record the same way, and emits it once its second is over', () => {
		const first = run(fresh(), [named(1, 1, 1, 'v1')], { serverTime: T0 + 5 });
		expect(content(first)).toEqual([[1, 'v1', 'created']]);
		const held = run(first.state, [named(1, 1, 9, 'v2')], { serverTime: T0 + 9 });
		expect(held.emit).toEqual([]);
		// A held update's key is at or after the settled time, so the watermark may still move up to it.
		expect(held.state.cursor).toBe(iso(9 - SETTLE_SECONDS));
		const later = run(held.state, [named(1, 1, 9, 'v3')], { serverTime: T0 + 20 });
		expect(content(later)).toEqual([[1, 'v3', 'updated']]);
	});

	it('keeps the watermark at a held creation, while later settled changes go out now and are not repeated', () => {
		// Record 1 was created at 10 and changed again just now; record 2 was created at 20 and is settled.
		const records = [named(1, 10, 49, 'busy'), named(2, 20, 20, 'quiet')];
		const first = run(fresh(), records, { serverTime: T0 + 50 });
		expect(content(first)).toEqual([[2, 'quiet', 'created']]);
		expect(first.unsettled).toBe(1);
		expect(first.state.cursor).toBe(iso(10));
		const second = run(first.state, [named(1, 10, 49, 'done'), named(2, 20, 20, 'quiet')], { serverTime: T0 + 52 });
		// Still a creation: the watermark did not pass its created_at.
		expect(content(second)).toEqual([[1, 'done', 'created']]);
		expect(second.state.cursor).toBe(iso(51));
	});

	it('holds back creations for "New" too, so the item carries the content its second ended with', () => {
		const first = run(fresh(), [named(1, 4, 4, 'draft')], { serverTime: T0 + 4, event: 'new' });
		expect(first.emit).toEqual([]);
		const second = run(first.state, [named(1, 4, 4, 'final')], { serverTime: T0 + 6, event: 'new' });
		expect(content(second)).toEqual([[1, 'final', 'created']]);
	});

	it('with a limit, carries settled changes over and still waits for unsettled ones', () => {
		const records = [rec(1, -100, 5), rec(2, -100, 6), rec(3, -100, 7), rec(4, -100, 30)];
		const first = run(fresh(), records, { serverTime: T0 + 30, limit: 2 });
		expect(ids(first)).toEqual([1, 2]);
		expect([first.pending, first.unsettled]).toEqual([1, 1]);
		expect(first.state.cursor).toBe(iso(6));
		const second = run(first.state, records, { serverTime: T0 + 31, limit: 2 });
		expect(ids(second)).toEqual([3]);
		// Record 4 (second 30) is still within the margin at 31; the watermark stops right at it.
		expect(second.state.cursor).toBe(iso(31 - SETTLE_SECONDS));
		const third = run(second.state, records, { serverTime: T0 + 32, limit: 2 });
		expect(ids(third)).toEqual([4]);
		expect(ids(run(third.state, records, { serverTime: T0 + 40, limit: 2 }))).toEqual([]);
	});

	it('emits nothing and keeps the watermark when the read had no server time', () => {
		const state = fresh();
		const result = run(state, [rec(1, 1), rec(2, -100, 2)], { serverTime: undefined });
		expect(result.emit).toEqual([]);
		expect(result.unsettled).toBe(2);
		expect(result.state).toMatchObject({ cursor: state.cursor, floor: state.floor, seen: [] });
	});

	it('known limit: a save that shows up later than the margin, in a second already reported, is not reported', () => {
		const first = run(fresh(), [named(1, 1, 5, 'seen')], { serverTime: T0 + 10 });
		expect(content(first)).toEqual([[1, 'seen', 'created']]);
		// The same (id, updated_at) pair must never be emitted twice, so this content cannot be reported.
		expect(run(first.state, [named(1, 1, 5, 'landed late')], { serverTime: T0 + 12 }).emit).toEqual([]);
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
