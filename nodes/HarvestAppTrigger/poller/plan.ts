import { fromWorking, toWorking, type WatchState } from './state';
import { formatHarvestTime, parseHarvestTime } from './time';

/** "New" reports each record once, when created; "New or Updated" reports every version. */
export type WatchEvent = 'new' | 'newOrUpdated';
export type ChangeKind = 'created' | 'updated';

export interface HarvestRecordLike {
	id?: unknown;
	created_at?: unknown;
	updated_at?: unknown;
}

export interface Emission<T> {
	record: T;
	event: ChangeKind;
}

export interface PlanInput<T> {
	state: WatchState;
	/** What one read of `updated_since = readWindow(...)` returned and matched the filters, in any order. */
	records: readonly T[];
	event: WatchEvent;
	limit: number;
	overlapSeconds: number;
	/**
	 * The server's time when the read began (the first response's `Date` header), epoch seconds. Without it no
	 * version can be judged settled, so nothing is emitted and the watermark stays where it was.
	 */
	serverTime?: number;
	/** False when the read may have missed a record (see pages.ts); the watermark then stays where it was. */
	complete: boolean;
}

export interface PlanResult<T> {
	/** Oldest change first. */
	emit: Array<Emission<T>>;
	state: WatchState;
	/** Changes found but held back by the limit; the next polls return them. */
	pending: number;
	/** Changes found but held back because their second may not be over yet; the next poll returns them. */
	unsettled: number;
	/** Records without a usable id, created_at or updated_at; they cannot be placed, so they are left out. */
	invalid: number;
}

interface Candidate<T> {
	record: T;
	id: number;
	updatedAt: number;
	event: ChangeKind;
	/** Position in the stream of events: created_at for a creation, updated_at for an update. */
	key: number;
}

const BEFORE_ALL = Number.NEGATIVE_INFINITY;

export const DEFAULT_OVERLAP_SECONDS = 60;

/**
 * How many seconds a version's second must have been over, by the read's `Date`, before it is emitted. Harvest
 * stamps whole seconds, so a record can change again within the second it was read in and keep the same
 * `updated_at`; once that second is over, its last version is final. `Date` has whole seconds too: `Date` S means
 * the read happened at or after S, so versions stamped S - 1 or earlier are over. One more second absorbs a
 * clock difference between the machine that stamps records and the one that sends `Date`, and a save that
 * becomes visible shortly after its stamp.
 */
export const SETTLE_SECONDS = 1;

export function normalizeOverlap(seconds: number): number {
	return Number.isFinite(seconds) && seconds >= 0 ? Math.floor(seconds) : DEFAULT_OVERLAP_SECONDS;
}

function normalizeLimit(limit: number): number {
	return Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : 1;
}

/** The lowest updated_at this poll looks at: the horizon, or the overlap below the watermark if that is later. */
function lowerBound(state: WatchState, overlapSeconds: number): number {
	const working = toWorking(state);
	return Math.max(working.horizon, working.cursor - normalizeOverlap(overlapSeconds));
}

/**
 * What to ask Harvest for. `updated_since` is one second below the bound, so the answer is the same whether
 * Harvest treats the parameter as inclusive or exclusive; the extra second is dropped in `plan`.
 */
export function readWindow(state: WatchState, overlapSeconds: number): { updatedSince?: string } {
	const bound = lowerBound(state, overlapSeconds);
	return Number.isFinite(bound) ? { updatedSince: formatHarvestTime(bound - 1) } : {};
}

export function recordId(value: unknown): number | undefined {
	const id = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
}

/**
 * Decides what one poll emits and what it remembers.
 *
 * 1. Look only at versions with updated_at >= the bound (the horizon or watermark - overlap): below it `seen`
 *    is incomplete, so emitting there could repeat.
 * 2. Drop versions already emitted, or older than one already emitted (`seen` keeps the newest per id).
 * 3. Hold back versions stamped in the last seconds before the read (`SETTLE_SECONDS`): their record may change
 *    again within the same second, keeping the same updated_at, and emitting the pair now would make that
 *    later content unreportable. The next poll finds them again, settled.
 * 4. A record is a creation when it was created at or after the bound and the start, and no version of it was
 *    emitted. Below the bound that is decided already: creations are ordered by created_at, so the watermark
 *    never passes a creation that is still waiting, and the bound trails the watermark.
 * 5. Order creations by created_at and updates by updated_at (ties by id), emit the first `limit` settled ones,
 *    and move the watermark to the last emitted key only. Everything after the cut keeps a key >= the new
 *    watermark, so the next poll finds it again; ties in the same second are split by `seen`, not by the
 *    watermark.
 * 6. When nothing is held back by the limit and the read was complete, the watermark may move up to the settled
 *    part of the read (`Date` - SETTLE_SECONDS), which keeps the next read (and `seen`) down to one overlap
 *    window. A held-back version keeps the watermark at or below its key either way: held updates have keys
 *    at or above the settled time, a held creation caps the watermark at its created_at.
 * 7. The horizon follows the watermark at the overlap's distance and `seen` is pruned to it.
 */
export function plan<T extends HarvestRecordLike>(input: PlanInput<T>): PlanResult<T> {
	const working = toWorking(input.state);
	const overlap = normalizeOverlap(input.overlapSeconds);
	const bound = Math.max(working.horizon, working.cursor - overlap);
	const floor = working.floor;

	// One read can return a record twice when pages shift under it; the newest version is the one to judge.
	const latest = new Map<number, { record: T; createdAt: number; updatedAt: number }>();
	let invalid = 0;
	for (const record of input.records) {
		const id = recordId(record.id);
		const createdAt = parseHarvestTime(record.created_at);
		const updatedAt = parseHarvestTime(record.updated_at);
		if (id === undefined || createdAt === undefined || updatedAt === undefined) {
			invalid++;
			continue;
		}
		const known = latest.get(id);
		if (!known || updatedAt > known.updatedAt) latest.set(id, { record, createdAt, updatedAt });
	}

	// Versions stamped at or after this second may still change within their second (see SETTLE_SECONDS).
	const settledBefore =
		input.serverTime !== undefined && Number.isFinite(input.serverTime) ? input.serverTime - SETTLE_SECONDS : BEFORE_ALL;

	const ready: Array<Candidate<T>> = [];
	const waiting: Array<Candidate<T>> = [];
	for (const [id, { record, createdAt, updatedAt }] of latest) {
		if (updatedAt < bound) continue;
		const emittedAt = working.seen.get(id);
		if (emittedAt !== undefined && updatedAt <= emittedAt) continue;
		let candidate: Candidate<T> | undefined;
		const announced = emittedAt !== undefined || createdAt < bound || createdAt < floor;
		if (!announced) {
			candidate = { record, id, updatedAt, event: 'created', key: createdAt };
		} else if (input.event === 'newOrUpdated' && updatedAt >= floor) {
			candidate = { record, id, updatedAt, event: 'updated', key: updatedAt };
		}
		if (candidate) (updatedAt < settledBefore ? ready : waiting).push(candidate);
	}
	ready.sort((a, b) => a.key - b.key || a.id - b.id);

	const limit = normalizeLimit(input.limit);
	const emitted = ready.slice(0, limit);
	const pending = ready.length - emitted.length;

	let cursor = working.cursor;
	if (input.complete) {
		// Every settled change with a key below `target` has been emitted: all of them when the limit did not cut,
		// otherwise those up to the last emitted key.
		let target = emitted.length > 0 ? emitted[emitted.length - 1].key : BEFORE_ALL;
		if (pending === 0) target = Math.max(target, settledBefore);
		for (const change of waiting) target = Math.min(target, change.key);
		cursor = Math.max(cursor, target);
	}
	// An incomplete read may have skipped a record of any age inside the window, so the watermark stays and the
	// next poll reads the same window again; what was emitted now is in `seen` and will not repeat.

	const horizon = Math.max(bound, cursor - overlap);
	const seen = new Map(working.seen);
	for (const change of emitted) seen.set(change.id, change.updatedAt);
	for (const [id, at] of seen) if (at < horizon) seen.delete(id);

	return {
		emit: emitted.map(({ record, event }) => ({ record, event })),
		state: fromWorking({ ...working, cursor, horizon, seen }),
		pending,
		unsettled: waiting.length,
		invalid,
	};
}

/**
 * For a manual run ("Fetch Test Event"): the most recent records by the event's own time, labelled as the
 * trigger would label a first sighting. State is neither read nor written.
 */
export function newest<T extends HarvestRecordLike>(
	records: readonly T[],
	event: WatchEvent,
	count: number,
): Array<Emission<T>> {
	const placed = records
		.map((record) => ({
			record,
			id: recordId(record.id) ?? 0,
			createdAt: parseHarvestTime(record.created_at),
			updatedAt: parseHarvestTime(record.updated_at),
		}))
		.filter((entry) => entry.createdAt !== undefined && entry.updatedAt !== undefined)
		.map((entry) => ({ ...entry, key: (event === 'new' ? entry.createdAt : entry.updatedAt) as number }));
	placed.sort((a, b) => b.key - a.key || b.id - a.id);
	return placed.slice(0, Math.max(0, Math.floor(count))).map((entry) => ({
		record: entry.record,
		event: event === 'new' || (entry.updatedAt as number) <= (entry.createdAt as number) ? 'created' : 'updated',
	}));
}
