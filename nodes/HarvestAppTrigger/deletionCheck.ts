import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { readFullList, lookUp } from './fullList';
import {
	dateOfDay,
	dayNumber,
	missingIds,
	windowStart,
	type CheckEvery,
	type DeletionState,
} from './poller/deletions';
import { decodeIdSet, encodeIdSet } from './poller/idset';
import { formatHarvestTime } from './poller/time';
import type { ResolvedFilters, WatchedResource } from './resources';

/**
 * Finding deleted records (event "Deleted", or "Report Deletions" with New / New or Updated). See
 * poller/deletions.ts for the rules; this module does the reading.
 */

export interface DeletionSettings {
	every: CheckEvery;
	/** Time entries and expenses: how many days back (by spent_date) deletions are watched. */
	windowDays: number;
}

export interface Watch {
	resource: WatchedResource;
	filters: ResolvedFilters;
	deletions: DeletionSettings;
}

/**
 * The query of a whole-list read for deletions: the user's filters, but not "Active Only" (archiving is not
 * deleting, so archived records stay in view), and for dated lists the window.
 */
function listQuery(watch: Watch, fromDay: number | undefined): IDataObject {
	const qs: IDataObject = { ...watch.filters.qs };
	delete qs.is_active;
	return fromDay === undefined ? qs : { ...qs, from: dateOfDay(fromDay) };
}

/** A record the deletion watch keeps: it matches the record filters and, for dated lists, falls in the window. */
function kept(watch: Watch, record: IDataObject, firstDay: number | undefined): boolean {
	if (!watch.filters.match(record)) return false;
	if (firstDay === undefined) return true;
	const day = dayNumber(record.spent_date);
	return day !== undefined && day >= firstDay;
}

/** Adds the ids of records the poll saw (created or changed) to the known set. */
export function noteSeen(watch: Watch, state: DeletionState, records: readonly IDataObject[]): DeletionState {
	const firstDay = watch.resource.dated && state.since !== null ? dayNumber(state.since) : undefined;
	const fresh = records.filter((record) => kept(watch, record, firstDay)).map((record) => Number(record.id));
	if (fresh.length === 0) return state;
	const known = decodeIdSet(state.known) ?? new Set<number>();
	const before = known.size;
	for (const id of fresh) if (Number.isSafeInteger(id)) known.add(id);
	return known.size === before ? state : { ...state, known: encodeIdSet(known) };
}

/** The first listing, at activation (`serverTime` from the poll's first request): every id there is now. */
export async function firstListing(ctx: IPollFunctions, watch: Watch, serverTime: number): Promise<DeletionState> {
	const firstDay = watch.resource.dated ? windowStart(serverTime, watch.deletions.windowDays) : undefined;
	const list = await readFullList(ctx, watch.resource, listQuery(watch, firstDay));
	const ids = list.records.filter((record) => kept(watch, record, firstDay)).map((record) => Number(record.id));
	return {
		known: encodeIdSet(ids.filter(Number.isSafeInteger)),
		since: firstDay === undefined ? null : dateOfDay(firstDay),
		checkedAt: formatHarvestTime(serverTime),
		polls: 0,
		pending: [],
	};
}

/**
 * One check: list every id (dated lists from the older of the last window and the current one, so that nothing
 * known is outside the read), look up each known id that is missing, and queue the confirmed deletions.
 */
export async function checkForDeletions(ctx: IPollFunctions, watch: Watch, state: DeletionState, serverTime: number): Promise<DeletionState> {
	const known = decodeIdSet(state.known) ?? new Set<number>();
	const newFirstDay = watch.resource.dated ? windowStart(serverTime, watch.deletions.windowDays) : undefined;
	const oldFirstDay = state.since === null ? undefined : dayNumber(state.since);
	const readFrom = newFirstDay === undefined ? undefined : Math.min(newFirstDay, oldFirstDay ?? newFirstDay);
	const list = await readFullList(ctx, watch.resource, listQuery(watch, readFrom));
	const listed = new Set(list.records.map((record) => Number(record.id)));
	const missing = missingIds(known, listed).filter((id) => !state.pending.includes(id));

	let deleted: number[] = [];
	let stillThere: IDataObject[] = [];
	let unchecked: number[] = [];
	if (watch.resource.get) {
		({ deleted, existing: stillThere, unchecked } = await lookUp(ctx, watch.resource, missing));
	} else if (list.complete) {
		// Cursor lists (assignments) are keyset by id and cannot shift under the read; complete means complete.
		deleted = missing;
	} else {
		unchecked = missing;
	}

	const next = new Set<number>();
	for (const record of list.records) if (kept(watch, record, newFirstDay)) next.add(Number(record.id));
	// A record that is still there but was missing from the list has left the query filters (or was skipped by a
	// shifting page): it stays watched only while it still falls under every filter. Archived ones stay too.
	const archivedToo = (record: IDataObject) => watch.filters.stillMatches({ ...record, is_active: watch.filters.qs.is_active ?? record.is_active });
	for (const record of stillThere) if (archivedToo(record) && kept(watch, record, newFirstDay)) next.add(Number(record.id));
	for (const id of unchecked) next.add(id);
	return {
		known: encodeIdSet([...next].filter(Number.isSafeInteger)),
		since: newFirstDay === undefined ? null : dateOfDay(newFirstDay),
		checkedAt: formatHarvestTime(serverTime),
		polls: 0,
		pending: [...state.pending, ...deleted],
	};
}
