/**
 * Deletions: Harvest keeps no record of them, so the trigger remembers the ids it watches and, now and then, lists
 * every id of the watched list; an id that is gone is a deletion once Harvest confirms it (a 404 for that record,
 * where the list cannot shift under the read). Pure: what is due, what is missing, what to remember.
 */
import { decodeIdSet, encodeIdSet } from './idset';
import { formatHarvestTime, parseHarvestTime } from './time';

export interface CheckEvery {
	count: number;
	unit: 'polls' | 'minutes';
}

/** What the trigger keeps for deletions, in its state. */
export interface DeletionState {
	/** Every id watched (for date-window lists: those whose spent_date is on or after `since`), as idset text. */
	known: string;
	/** First day of the date window of the last full listing (YYYY-MM-DD), for time entries and expenses. */
	since: string | null;
	/** Server time of the last full listing. */
	checkedAt: string | null;
	/** Polls since then. */
	polls: number;
	/** Deletions found but not yet reported (held back by Limit), oldest first. */
	pending: number[];
}

const DAY_SECONDS = 86_400;

export function dayNumber(date: unknown): number | undefined {
	if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
	const ms = Date.parse(`${date}T00:00:00Z`);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000 / DAY_SECONDS);
}

export function dateOfDay(day: number): string {
	return formatHarvestTime(day * DAY_SECONDS).slice(0, 10);
}

/** The first day of a window of `days` days that ends on the server's current day. */
export function windowStart(serverTime: number, days: number): number {
	return Math.floor(serverTime / DAY_SECONDS) - Math.max(1, Math.floor(days)) + 1;
}

export function emptyDeletionState(): DeletionState {
	return { known: encodeIdSet([]), since: null, checkedAt: null, polls: 0, pending: [] };
}

export function readDeletionState(raw: unknown): DeletionState | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const state = raw as Partial<DeletionState>;
	if (decodeIdSet(state.known) === undefined) return undefined;
	if (state.since !== null && dayNumber(state.since) === undefined) return undefined;
	if (state.checkedAt !== null && parseHarvestTime(state.checkedAt) === undefined) return undefined;
	if (!Number.isInteger(state.polls) || !Array.isArray(state.pending) || !state.pending.every(Number.isSafeInteger)) return undefined;
	return state as DeletionState;
}

/** Whether a full listing is due at this poll. */
export function checkDue(state: DeletionState, every: CheckEvery, serverTime: number): boolean {
	if (state.checkedAt === null) return true;
	if (every.unit === 'polls') return state.polls + 1 >= every.count;
	const last = parseHarvestTime(state.checkedAt) ?? Number.NEGATIVE_INFINITY;
	return serverTime - last >= every.count * 60;
}

/** Known ids missing from a full listing: deleted, or no longer matching (the caller asks Harvest which). */
export function missingIds(known: ReadonlySet<number>, listed: ReadonlySet<number>): number[] {
	return [...known].filter((id) => !listed.has(id)).sort((a, b) => a - b);
}

/** Reports at most `room` pending deletions, oldest found first; the rest wait for the next poll. */
export function takePending(state: DeletionState, room: number): { report: number[]; state: DeletionState } {
	const take = Math.max(0, Math.floor(room));
	return { report: state.pending.slice(0, take), state: { ...state, pending: state.pending.slice(take) } };
}
