import { applyListing, checkDue, settleCandidate, type CheckEvery, type ListedRow, type Lookup } from './deletions';
import { detectTransitions, encodeValue, type FieldWatch } from './fieldChanges';
import { assessPages, type PageSummary } from './pages';
import { plan, readWindow, recordId, type ChangeKind, type HarvestRecordLike, type WatchEvent } from './plan';
import {
	dayNumber,
	dayText,
	emptyRoster,
	forget,
	loadRoster,
	pruneBefore,
	saveRoster,
	touch,
	windowStartDay,
	type Roster,
	type RosterState,
} from './roster';
import { loadState, startState, toWorking, type StartPoint, type WatchState } from './state';

/**
 * One poll from start to end, for every event the trigger offers: the change feed (`plan.ts`), field changes
 * (`fieldChanges.ts`) and deletions (`deletions.ts`), with the memory they share (`roster.ts`). Harvest is
 * reached only through the `PollIO` it is given, so the same code runs inside n8n (`poll.ts`) and against
 * in-memory lists in the tests. No clock, no n8n.
 */

/** What the user asked to be told about; "deleted" reports deletions only, each other event may add them. */
export type TriggerEvent = WatchEvent | 'fieldChanged' | 'deleted';
export type Query = Record<string, string | number | boolean>;
export type TriggerRecord = HarvestRecordLike & Record<string, unknown>;

export interface Read<T> {
	pages: Array<PageSummary<T>>;
	/** The first answer's `Date`, epoch seconds. */
	serverTime?: number;
}

export interface PollIO<T> {
	/** Every page of one read of the watched list (at most `limit` records), kept whole. */
	read(qs: Query, limit?: number): Promise<Read<T>>;
	/** Every page of a listing, each record handed to `visit` and not kept; the pages come back as id summaries. */
	list(qs: Query, visit: (record: T) => void): Promise<Read<HarvestRecordLike>>;
	/** The record with this id, or undefined when Harvest answers "not found"; absent where Harvest has no lookup. */
	lookup?: (id: number) => Promise<T | undefined>;
}

export interface Tracking<T> {
	/** What the roster covers; a different one builds it afresh (see roster.ts). */
	fingerprint: string;
	/** Query of a listing: the filters Harvest applies, never `is_active` (archived records are not deleted). */
	listQs: Query;
	/** Whether a record is in the watch, by every filter. */
	watched(record: T): boolean;
	/** For dated lists: track records dated within this many days up to today, by this field. */
	window?: { days: number; dateField: string };
	deletions?: { every: CheckEvery };
}

export interface CycleConfig<T> {
	fingerprint: string;
	event: TriggerEvent;
	limit: number;
	overlapSeconds: number;
	start: StartPoint | { kind: 'now' };
	/** Query of the change read: the filters Harvest applies. */
	changeQs: Query;
	/** The filters Harvest cannot apply, checked on each record of the change read. */
	matches(record: T): boolean;
	field?: FieldWatch;
	tracking?: Tracking<T>;
}

export type CycleItem<T> =
	| { event: ChangeKind; record: T }
	| { event: 'changed'; record: T; field: string; previous: unknown; current: unknown }
	| { event: 'deleted'; id: number; lastSeen: T | null };

export interface CycleNotes {
	/** The watch started (or started afresh) at this poll; nothing is reported. */
	started: boolean;
	noDate: boolean;
	/** Why the change read may have missed records (then the next poll reads the same window again). */
	incomplete?: string;
	unsettled: number;
	pending: number;
	invalid: number;
	unreadable: number;
	/** Records in the listing of this poll, if one was made. */
	listed?: number;
	lookups: number;
	/** Candidates for deletion still to look up after this poll. */
	candidates: number;
}

export interface CycleResult<T> {
	items: Array<CycleItem<T>>;
	/** The state to store; undefined to leave the stored one as it is. */
	stored?: StoredState;
	notes: CycleNotes;
}

export interface StoredState extends WatchState {
	tracking?: RosterState;
	/** The last content seen of recently changed records, newest first: the `last_seen` of deletions. */
	recent?: Array<[number, unknown]>;
}

/** Lookups of deletion candidates per poll; the rest wait for the next polls. */
export const MAX_LOOKUPS_PER_POLL = 50;
/** How much recently seen content (JSON characters) is kept for `last_seen`. */
export const RECENT_CONTENT_CHARS = 32_000;
/** Listings for a field watch's first memory are read again when pages shifted, up to this many times. */
const BASELINE_ATTEMPTS = 3;

export async function runCycle<T extends TriggerRecord>(
	io: PollIO<T>,
	config: CycleConfig<T>,
	stored: unknown,
): Promise<CycleResult<T>> {
	const notes: CycleNotes = { started: false, noDate: false, unsettled: 0, pending: 0, invalid: 0, unreadable: 0, lookups: 0, candidates: 0 };
	const raw = (stored && typeof stored === 'object' ? stored : {}) as Partial<StoredState>;
	const tracking = config.tracking;
	let state = loadState(stored, config.fingerprint);
	let roster = state && tracking ? loadRoster(raw.tracking, tracking.fingerprint) : undefined;
	// A field watch without its memory cannot tell a change from a first sighting, so it starts afresh.
	if (state && config.field && !roster) state = undefined;

	if (!state) {
		if (config.start.kind === 'now' || config.field) {
			// Remember where "now" is on Harvest's clock (and, when needed, what exists); report nothing.
			const probe = await io.read(config.changeQs, 1);
			if (probe.serverTime === undefined) return { items: [], notes: { ...notes, noDate: true } };
			let fresh: Roster | undefined;
			if (tracking) {
				fresh = await buildRoster(io, config, tracking, probe.serverTime);
				if (!fresh) return { items: [], notes: { ...notes, noDate: true } };
			}
			const begun = startState(config.fingerprint, { kind: 'now', serverTime: probe.serverTime });
			return { items: [], stored: compose(begun, fresh, []), notes: { ...notes, started: true, listed: fresh?.rows.size } };
		}
		state = startState(config.fingerprint, config.start);
	}

	const window = readWindow(state, config.overlapSeconds);
	const read = await io.read({ ...config.changeQs, ...(window.updatedSince ? { updated_since: window.updatedSince } : {}) });
	const assessed = assessPages(read.pages, read.serverTime);
	if (!assessed.complete) notes.incomplete = assessed.reason ?? 'pages inconsistent';
	const matching = assessed.records.filter((record) => config.matches(record));
	const result = plan({
		state,
		records: matching,
		// Field changes look at every version; "Deleted" only moves the watermark (the roster learns from the read).
		event: config.event === 'new' ? 'new' : 'newOrUpdated',
		limit: config.event === 'deleted' ? Number.MAX_SAFE_INTEGER : config.limit,
		overlapSeconds: config.overlapSeconds,
		serverTime: read.serverTime,
		complete: assessed.complete,
	});
	Object.assign(notes, { unsettled: result.unsettled, pending: result.pending, invalid: result.invalid, noDate: read.serverTime === undefined });

	const firstDay = tracking?.window && read.serverTime !== undefined ? windowStartDay(read.serverTime, tracking.window.days) : undefined;
	const dayOf = (record: T) => recordDay(tracking, record, firstDay);
	const items: Array<CycleItem<T>> = [];
	if (config.field && roster) {
		const found = detectTransitions({ emissions: result.emit, roster, watch: config.field, floor: toWorking(state).floor, dayOf });
		notes.unreadable = found.unreadable;
		const field = config.field.spec.name;
		for (const { record, previous, current } of found.transitions) items.push({ event: 'changed', record, field, previous, current });
	} else if (config.event !== 'deleted') {
		for (const { record, event } of result.emit) items.push({ event, record });
	}

	let recent = loadRecent<T>(raw.recent);
	if (tracking && read.serverTime !== undefined) {
		if (!roster) {
			roster = await buildRoster(io, config, tracking, read.serverTime);
			notes.listed = roster?.rows.size;
		} else {
			// What this read shows: records still watched are remembered, those that stopped matching forgotten.
			for (const record of assessed.records) {
				const id = recordId(record.id);
				if (id === undefined) continue;
				const day = dayOf(record);
				if (day === undefined || !config.matches(record)) forget(roster, id);
				else touch(roster, id, day);
			}
			if (firstDay !== undefined) pruneBefore(roster, firstDay);
			if (tracking.deletions) {
				if (roster.pending.length === 0 && checkDue(roster, read.serverTime, tracking.deletions.every)) {
					notes.listed = await checkListing(io, tracking, roster, dayOf, firstDay);
				} else {
					roster.polls++;
				}
				recent = await reportDeletions(io, config, tracking, roster, dayOf, items, recent, notes);
			}
		}
		recent = tracking.deletions ? remember(recent, matching) : [];
	}
	notes.candidates = roster?.pending.length ?? 0;
	return { items, stored: compose(result.state, roster, recent), notes };
}

/** The record's roster day: 0 for undated lists, undefined when it is dated before the window (or undated). */
function recordDay<T extends TriggerRecord>(tracking: Tracking<T> | undefined, record: T, firstDay: number | undefined): number | undefined {
	if (!tracking?.window) return 0;
	const day = dayNumber(record[tracking.window.dateField]);
	if (day === undefined || firstDay === undefined) return undefined;
	return day >= firstDay ? day : undefined;
}

function listingQuery<T>(tracking: Tracking<T>, firstDay: number | undefined): Query {
	return { ...tracking.listQs, ...(tracking.window && firstDay !== undefined ? { from: dayText(firstDay) } : {}) };
}

/**
 * The first memory of a watch: one listing of every watched record (with its field's value for a field watch).
 * A field watch reads again when the pages shifted, since a record missing from its first memory would have
 * its first change taken for a first sighting.
 */
async function buildRoster<T extends TriggerRecord>(
	io: PollIO<T>,
	config: CycleConfig<T>,
	tracking: Tracking<T>,
	serverTime: number,
): Promise<Roster | undefined> {
	const firstDay = tracking.window ? windowStartDay(serverTime, tracking.window.days) : undefined;
	const attempts = config.field ? BASELINE_ATTEMPTS : 1;
	for (let attempt = 1; ; attempt++) {
		const roster = emptyRoster(tracking.fingerprint);
		const listing = await io.list(listingQuery(tracking, firstDay), (record) => {
			const id = recordId(record.id);
			const day = recordDay(tracking, record, firstDay);
			if (id === undefined || day === undefined || !tracking.watched(record)) return;
			const value = config.field ? (encodeValue(config.field.spec, record[config.field.spec.name]) ?? 0) : 0;
			roster.rows.set(id, { day, value });
		});
		if (listing.serverTime === undefined) return undefined;
		roster.checkedAt = listing.serverTime;
		if (attempt >= attempts || assessPages(listing.pages, listing.serverTime).complete) return roster;
	}
}

/** A deletion check: lists every watched record and turns known ids that are missing into candidates. */
async function checkListing<T extends TriggerRecord>(
	io: PollIO<T>,
	tracking: Tracking<T>,
	roster: Roster,
	dayOf: (record: T) => number | undefined,
	firstDay: number | undefined,
): Promise<number | undefined> {
	const listed: ListedRow[] = [];
	const listing = await io.list(listingQuery(tracking, firstDay), (record) => {
		const id = recordId(record.id);
		if (id === undefined) return;
		const day = dayOf(record);
		listed.push({ id, day: day ?? 0, watched: day !== undefined && tracking.watched(record) });
	});
	if (listing.serverTime === undefined) return undefined;
	applyListing(roster, listed, listing.serverTime);
	return listed.length;
}

/** Looks candidates up (within the lookup budget and the limit) and reports those Harvest no longer has. */
async function reportDeletions<T extends TriggerRecord>(
	io: PollIO<T>,
	config: CycleConfig<T>,
	tracking: Tracking<T>,
	roster: Roster,
	dayOf: (record: T) => number | undefined,
	items: Array<CycleItem<T>>,
	recent: Array<[number, T]>,
	notes: CycleNotes,
): Promise<Array<[number, T]>> {
	let kept = recent;
	for (const id of [...roster.pending]) {
		if (items.length >= config.limit || notes.lookups >= MAX_LOOKUPS_PER_POLL) break;
		let found: Lookup = 'notFound';
		if (io.lookup) {
			const record = await io.lookup(id);
			notes.lookups++;
			if (record !== undefined) {
				const day = dayOf(record);
				found = day !== undefined && tracking.watched(record) ? 'watched' : 'notWatched';
				if (found === 'watched') touch(roster, id, day as number);
			}
		}
		if (!settleCandidate(roster, id, found)) continue;
		items.push({ event: 'deleted', id, lastSeen: kept.find(([known]) => known === id)?.[1] ?? null });
		kept = kept.filter(([known]) => known !== id);
	}
	return kept;
}

function loadRecent<T>(raw: unknown): Array<[number, T]> {
	if (!Array.isArray(raw)) return [];
	return raw.filter(
		(entry): entry is [number, T] =>
			Array.isArray(entry) && entry.length === 2 && Number.isSafeInteger(entry[0]) && !!entry[1] && typeof entry[1] === 'object',
	);
}

/** Newest content first, one entry per record, within RECENT_CONTENT_CHARS. */
function remember<T extends TriggerRecord>(recent: Array<[number, T]>, records: readonly T[]): Array<[number, T]> {
	const newest = new Map<number, T>();
	for (const record of records) {
		const id = recordId(record.id);
		if (id !== undefined) newest.set(id, record);
	}
	const merged: Array<[number, T]> = [...newest, ...recent.filter(([id]) => !newest.has(id))];
	const kept: Array<[number, T]> = [];
	let size = 0;
	for (const entry of merged) {
		size += JSON.stringify(entry[1]).length;
		if (size > RECENT_CONTENT_CHARS) break;
		kept.push(entry);
	}
	return kept;
}

function compose(state: WatchState, roster: Roster | undefined, recent: Array<[number, unknown]>): StoredState {
	const stored: StoredState = { ...state };
	if (roster) stored.tracking = saveRoster(roster);
	if (recent.length) stored.recent = recent;
	return stored;
}
