import { decodeRows, encodeRows, type CompactRows } from './compact';
import { formatHarvestTime, parseHarvestTime } from './time';

/**
 * The trigger's memory of the records it watches, one row per record, for the two events that need to know more
 * than "what changed since the last poll": deletions (which ids existed) and field changes (which value each
 * record's field had). Harvest keeps neither a deletion feed nor old values, so only this memory can tell.
 *
 * A row is `[id, day, value]`:
 * - `day`: the record's date (`spent_date`) as days since 1970, for time entries and expenses, which are tracked
 *   within a date window; 0 elsewhere. Rows dated before the window are dropped as it moves on.
 * - `value`: the watched field's value, coded by `fieldChanges.ts`; 0 when unknown (no field watched, or the
 *   record was first met in a listing rather than in the change feed).
 *
 * Kept in static data as `encodeRows` text; `test/trigger/compact.test.ts` measures it at 100,000 records.
 */
export interface RosterRow {
	day: number;
	value: number;
}

export interface RosterState {
	/** What the rows cover (resource, filters, window, field); a different one means building them afresh. */
	fingerprint: string;
	/** Server time of the last listing that the rows were checked against. */
	checkedAt: string | null;
	/** Polls since that listing. */
	polls: number;
	/** Ids missing from that listing, not yet confirmed deleted or still there. */
	pending: number[];
	rows: CompactRows;
}

export interface Roster {
	fingerprint: string;
	checkedAt?: number;
	polls: number;
	pending: number[];
	rows: Map<number, RosterRow>;
}

const DAY_SECONDS = 86_400;

/** Days since 1970 of a `YYYY-MM-DD` date; undefined when the value is not one. */
export function dayNumber(value: unknown): number | undefined {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
	const ms = Date.parse(`${value}T00:00:00Z`);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / (DAY_SECONDS * 1000));
}

/** `YYYY-MM-DD` of a day number. */
export function dayText(day: number): string {
	return formatHarvestTime(day * DAY_SECONDS).slice(0, 10);
}

/**
 * The first day inside a window of `days` days that ends on the server's current date (UTC). Harvest dates
 * entries in the account's zone, which may be a day off UTC; the window's edge is only ever compared with
 * itself (the listing's `from` and the pruning use the same day), so that does not matter.
 */
export function windowStartDay(serverTime: number, days: number): number {
	return Math.floor(serverTime / DAY_SECONDS) - Math.max(0, Math.floor(days)) + 1;
}

export function emptyRoster(fingerprint: string): Roster {
	return { fingerprint, polls: 0, pending: [], rows: new Map() };
}

export function loadRoster(raw: unknown, fingerprint: string): Roster | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const state = raw as Partial<RosterState>;
	if (state.fingerprint !== fingerprint) return undefined;
	const checkedAt = state.checkedAt === null ? undefined : parseHarvestTime(state.checkedAt);
	if (state.checkedAt !== null && checkedAt === undefined) return undefined;
	if (!Array.isArray(state.pending) || !state.pending.every((id) => Number.isSafeInteger(id))) return undefined;
	if (!Number.isSafeInteger(state.polls) || (state.polls as number) < 0) return undefined;
	const rows = decodeRows(state.rows);
	if (!rows || (rows.length > 0 && rows[0].length !== 3)) return undefined;
	const roster: Roster = { fingerprint, checkedAt, polls: state.polls as number, pending: [...state.pending], rows: new Map() };
	for (const [id, day, value] of rows) roster.rows.set(id, { day, value });
	return roster;
}

export function saveRoster(roster: Roster): RosterState {
	const rows = [...roster.rows].map(([id, row]) => [id, row.day, row.value]);
	return {
		fingerprint: roster.fingerprint,
		checkedAt: roster.checkedAt === undefined ? null : formatHarvestTime(roster.checkedAt),
		polls: roster.polls,
		pending: [...roster.pending].sort((a, b) => a - b),
		rows: encodeRows(rows, 3),
	};
}

/** A record seen in the watch: remembered (its value kept, its day refreshed). */
export function touch(roster: Roster, id: number, day: number): void {
	const row = roster.rows.get(id);
	if (row) row.day = day;
	else roster.rows.set(id, { day, value: 0 });
}

/** A record that left the watch or was reported deleted: forgotten, also as a deletion candidate. */
export function forget(roster: Roster, id: number): void {
	roster.rows.delete(id);
	roster.pending = roster.pending.filter((pending) => pending !== id);
}

/** Drops rows dated before the window (day 0 means undated: such rows stay). */
export function pruneBefore(roster: Roster, firstDay: number): void {
	for (const [id, row] of roster.rows) if (row.day !== 0 && row.day < firstDay) roster.rows.delete(id);
	roster.pending = roster.pending.filter((id) => roster.rows.has(id));
}
