import { touch, type Roster } from './roster';

/**
 * Deletions. Harvest keeps no record of them, so the only way to tell is to list the ids that exist and compare
 * them with the ids the trigger knows (its roster, `roster.ts`). A record missing from the listing is not yet a
 * deletion: it may have been archived under an "active only" filter (archived is not deleted, so listings leave
 * `is_active` out), moved out of the filters or the date window, or slid out of view while a page-numbered list
 * shifted. So every missing id becomes a *candidate*, and each candidate is then looked up by id: only Harvest's
 * "not found" makes it a deletion (lists without a lookup, the assignments, are keyset-paged, so a listing of
 * them cannot miss a record). A record found again and still watched stays; one found but no longer watched is
 * forgotten silently. Filter changes never produce deletions: they change the watch's fingerprint, which
 * builds the roster afresh.
 *
 * Cost: one listing of every watched record per check, ceil(N / 2000) requests for N records, plus one lookup
 * per candidate.
 */

export interface ListedRow {
	id: number;
	/** The record's date as a day number, or 0 (see roster.ts). */
	day: number;
	/** Whether the record is in the watch (filters, window); others are listed but not remembered. */
	watched: boolean;
}

/** How often deletions are checked: every N polls, or every N minutes of Harvest's clock. */
export interface CheckEvery {
	count: number;
	unit: 'polls' | 'minutes';
}

/** Whether a listing is due at this poll: never done, or the interval has passed since the last one. */
export function checkDue(roster: Roster, serverTime: number, every: CheckEvery): boolean {
	if (roster.checkedAt === undefined) return true;
	if (every.unit === 'polls') return roster.polls + 1 >= every.count;
	return serverTime - roster.checkedAt >= every.count * 60;
}

/**
 * Compares one listing with the roster. Listed and watched records are remembered (their known value kept);
 * listed records that are no longer watched are forgotten; known ids that were not listed become candidates.
 * Returns the new candidates.
 */
export function applyListing(roster: Roster, listed: readonly ListedRow[], serverTime: number): number[] {
	const present = new Set<number>();
	for (const { id, day, watched } of listed) {
		present.add(id);
		if (watched) touch(roster, id, day);
		else roster.rows.delete(id);
	}
	const pending = new Set(roster.pending.filter((id) => roster.rows.has(id) && !present.has(id)));
	const fresh: number[] = [];
	for (const id of roster.rows.keys()) {
		if (present.has(id) || pending.has(id)) continue;
		pending.add(id);
		fresh.push(id);
	}
	roster.pending = [...pending].sort((a, b) => a - b);
	roster.checkedAt = serverTime;
	roster.polls = 0;
	return fresh;
}

/** What a lookup of one candidate found. */
export type Lookup = 'notFound' | 'watched' | 'notWatched';

/** Settles one candidate; true when it is a deletion to report. */
export function settleCandidate(roster: Roster, id: number, found: Lookup): boolean {
	roster.pending = roster.pending.filter((pending) => pending !== id);
	if (found === 'watched') return false;
	roster.rows.delete(id);
	return found === 'notFound';
}
