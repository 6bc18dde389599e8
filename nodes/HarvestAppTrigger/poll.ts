import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { harvestPages } from '../shared/transport';
import { checkForDeletions, firstListing, noteSeen, type Watch } from './deletionCheck';
import { triggerProperties } from './description';
import { readFullList } from './fullList';
import { withParametersReadNow } from './parameters';
import { claimPoll, pollKey, releasePoll } from './pollGuard';
import { checkDue, dateOfDay, dayNumber, emptyDeletionState, readDeletionState, takePending, windowStart, type DeletionState } from './poller/deletions';
import { decodeIdMap, encodeIdMap } from './poller/idset';
import { assessPages, type PageSummary } from './poller/pages';
import { newest, plan, readWindow, type Emission } from './poller/plan';
import { loadState, startState, type WatchState } from './poller/state';
import { forgetBefore, remember, transitionsOf, type FieldMemory } from './poller/transitions';
import { valueCode } from './poller/fields';
import { formatHarvestTime, parseHttpDate } from './poller/time';
import { listSpec } from './resources';
import { fail, readSettings, type Settings } from './settings';

/** Key of the trigger's state in the node's static data. */
export const STATE_KEY = 'harvestAppTrigger';

/** How far back a manual run looks for recent changes before falling back to the newest records. */
const MANUAL_LOOKBACK_SECONDS = 7 * 24 * 3600;
/** A manual run returns this many records: enough to map fields, like n8n's own polling triggers. */
const MANUAL_SAMPLE_SIZE = 1;

interface Read {
	pages: Array<PageSummary<IDataObject>>;
	serverTime?: number;
}

/** Every page of one list read; the server time is the first response's `Date`. */
async function readAll(ctx: IPollFunctions, settings: Settings, qs: IDataObject, limit?: number): Promise<Read> {
	const { path, key } = listSpec(settings.resource);
	const read: Read = { pages: [] };
	for await (const page of harvestPages.call(ctx, { path, listKey: key, qs: { ...settings.filters.qs, ...qs }, limit })) {
		read.serverTime ??= parseHttpDate(page.headers.date);
		const total = page.envelope.total_entries;
		read.pages.push({ records: page.records, totalEntries: typeof total === 'number' ? total : undefined });
	}
	return read;
}

function toItems(emissions: Array<Emission<IDataObject>>): INodeExecutionData[] {
	// The Harvest record stays whole; `event` is the one field added (no watched Harvest record has one).
	return emissions.map(({ record, event }) => ({ json: { ...record, event } }));
}

/**
 * "Fetch Test Event": the most recent matching record, state untouched. Harvest cannot sort by update time, so
 * this reads the changes of the last week and, if there are none, the newest records in Harvest's own order.
 */
async function sampleRecent(ctx: IPollFunctions, settings: Settings): Promise<INodeExecutionData[][]> {
	const newestFirst = await readAll(ctx, settings, {}, 100);
	let records = newestFirst.pages.flatMap((page) => page.records).filter(settings.filters.match);
	if (newestFirst.serverTime !== undefined) {
		const since = formatHarvestTime(newestFirst.serverTime - MANUAL_LOOKBACK_SECONDS);
		const recent = await readAll(ctx, settings, { updated_since: since }, 2000);
		records = records.concat(recent.pages.flatMap((page) => page.records).filter(settings.filters.match));
	}
	const sample = newest(records, settings.event === 'new' ? 'new' : 'newOrUpdated', MANUAL_SAMPLE_SIZE);
	if (sample.length === 0) {
		throw fail(
			ctx,
			`No ${settings.resource.plural} found with the current filters`,
			`Create or change one in Harvest (or loosen the filters), then fetch again. Active workflows are not affected.`,
		);
	}
	// Shaped like what the activated trigger emits for the chosen event, from a real record.
	if (settings.event === 'deleted') return [[{ json: deletedItem(Number(sample[0].record.id)) }]];
	if (settings.change) {
		const { field } = settings.change;
		const record = sample[0].record;
		return [[{ json: { ...record, event: 'changed', field: field.name, previous: null, current: record[field.name] ?? null } }]];
	}
	return [toItems(sample)];
}

/** What a deletion is reported as: the id (the trigger keeps ids only, to stay small; see README). */
function deletedItem(id: number): IDataObject {
	return { id, event: 'deleted', last_seen: null };
}

/** The server's current time, from the `Date` header of the cheapest possible request. */
async function serverNow(ctx: IPollFunctions, settings: Settings): Promise<number | undefined> {
	const read = await readAll(ctx, settings, {}, 1);
	return read.serverTime;
}

/** The node's top-level parameters, read at the start of each poll (see parameters.ts). */
const PARAMETERS = triggerProperties.map((property) => property.name);

export async function pollHarvest(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const ctx = withParametersReadNow(this, PARAMETERS);
	// "Fetch Test Event" touches no state, so it neither waits for nor blocks the activated polls.
	if (this.getMode() === 'manual') return await sampleRecent(ctx, readSettings(ctx));
	const key = pollKey(this);
	const claimedAt = Date.now();
	if (!claimPoll(key, claimedAt)) {
		this.logger.info('Harvest App Trigger: the previous poll is still running; this one is skipped and the next reads on from the saved state');
		return null;
	}
	try {
		return await pollOnce(ctx, readSettings(ctx));
	} finally {
		releasePoll(key, claimedAt);
	}
}

/** The trigger's state: the watermark (poller/state.ts), and what deletions and field changes need. */
type StoredState = WatchState & { deletions?: DeletionState; memory?: string };

async function pollOnce(this: void, ctx: IPollFunctions, settings: Settings): Promise<INodeExecutionData[][] | null> {
	const staticData = ctx.getWorkflowStaticData('node');
	const watch: Watch | undefined = settings.deletions ? { resource: settings.resource, filters: settings.filters, deletions: settings.deletions } : undefined;
	const stored = staticData[STATE_KEY] as StoredState | undefined;
	let state = loadState(stored, settings.fingerprint);
	let deletions = watch && state ? readDeletionState(stored?.deletions) : undefined;
	let memory = settings.change && state ? fieldMemory(settings, decodeIdMap(stored?.memory)) : undefined;
	// A state without the parts this watch needs (changed by hand, or from an older version) starts afresh.
	if ((watch && !deletions) || (settings.change && !memory)) state = undefined;
	if (!state) {
		if (settings.start.kind === 'now') {
			// First activation (or the watch changed): remember where "now" is on Harvest's clock, report nothing.
			// Deletions and field changes also need to know every record there is now (ceil(N / 2000) requests).
			const serverTime = await serverNow(ctx, settings);
			if (serverTime === undefined) {
				ctx.logger.warn('Harvest App Trigger: Harvest sent no Date header; trying to start again at the next poll');
				return null;
			}
			const fresh: StoredState = startState(settings.fingerprint, { kind: 'now', serverTime });
			if (watch) fresh.deletions = await firstListing(ctx, watch, serverTime);
			if (settings.change) fresh.memory = encodeIdMap((await firstMemory(ctx, settings, serverTime)).codes);
			staticData[STATE_KEY] = fresh;
			return null;
		}
		state = startState(settings.fingerprint, settings.start);
		deletions = watch ? emptyDeletionState() : undefined;
		memory = settings.change ? fieldMemory(settings, new Map()) : undefined;
	}

	const window = readWindow(state, settings.overlapSeconds);
	const read = await readAll(ctx, settings, window.updatedSince ? { updated_since: window.updatedSince } : {});
	const assessed = assessPages(read.pages, read.serverTime);
	const result = plan({
		state,
		records: assessed.records.filter(settings.filters.match),
		// Deletions and field changes look at every version; only New stops at creations.
		event: settings.event === 'new' ? 'new' : 'newOrUpdated',
		// With "Deleted" the changes only teach the trigger new ids: all of them are taken in at once.
		limit: settings.event === 'deleted' ? Number.MAX_SAFE_INTEGER : settings.limit,
		overlapSeconds: settings.overlapSeconds,
		serverTime: read.serverTime,
		complete: assessed.complete,
	});

	let items: INodeExecutionData[] = [];
	if (settings.event === 'new' || settings.event === 'newOrUpdated') items = toItems(result.emit);
	if (settings.change && memory) items = changedItems(settings, memory, result.emit, read.serverTime);
	if (watch && deletions) {
		deletions = noteSeen(watch, deletions, result.emit.map((emission) => emission.record));
		if (read.serverTime !== undefined && checkDue(deletions, watch.deletions.every, read.serverTime)) {
			deletions = await checkForDeletions(ctx, watch, deletions, read.serverTime);
		} else {
			deletions = { ...deletions, polls: deletions.polls + 1 };
		}
		const taken = takePending(deletions, settings.limit - items.length);
		deletions = taken.state;
		items = items.concat(taken.report.map((id) => ({ json: deletedItem(id) })));
	}

	const next: StoredState = result.state;
	if (deletions) next.deletions = deletions;
	if (memory) next.memory = encodeIdMap(memory.codes);
	staticData[STATE_KEY] = next;

	if (!assessed.complete) {
		ctx.logger.debug(`Harvest App Trigger: read again next poll (${assessed.reason ?? 'pages inconsistent'})`);
	}
	if (read.serverTime === undefined) {
		ctx.logger.warn('Harvest App Trigger: Harvest sent no Date header, so no change could be judged final; reading again next poll');
	} else if (result.unsettled > 0) {
		ctx.logger.debug(`Harvest App Trigger: ${result.unsettled} change(s) from the last seconds held back until their second is over`);
	}
	if (result.pending > 0) {
		ctx.logger.debug(`Harvest App Trigger: ${result.pending} more change(s) held back by the limit for the next polls`);
	}
	if (result.invalid > 0) {
		ctx.logger.warn(`Harvest App Trigger: ${result.invalid} record(s) without id, created_at or updated_at were skipped`);
	}
	return items.length ? [items] : null;
}

function fieldMemory(settings: Settings, codes: Map<number, number> | undefined): FieldMemory | undefined {
	return codes ? { codes, dated: settings.resource.dated === true } : undefined;
}

/** The day of a dated record (its spent_date), for the memory's date window. */
function dayOf(settings: Settings, record: IDataObject): number | undefined {
	return settings.resource.dated ? dayNumber(record.spent_date) : undefined;
}

/** At activation: the watched field's value for every record there is now (dated lists: in the window). */
async function firstMemory(ctx: IPollFunctions, settings: Settings, serverTime: number): Promise<FieldMemory> {
	const field = settings.change!.field;
	const firstDay = settings.resource.dated ? windowStart(serverTime, settings.windowDays) : undefined;
	const qs = firstDay === undefined ? settings.filters.qs : { ...settings.filters.qs, from: dateOfDay(firstDay) };
	const list = await readFullList(ctx, settings.resource, qs);
	const memory: FieldMemory = { codes: new Map(), dated: settings.resource.dated === true };
	for (const record of list.records.filter(settings.filters.match)) {
		const id = Number(record.id);
		if (!Number.isSafeInteger(id)) continue;
		remember(memory, id, valueCode(field, record[field.name]), dayOf(settings, record));
	}
	return memory;
}

/** "Field Changed": the transitions among the versions this poll examined, oldest first. */
function changedItems(
	settings: Settings,
	memory: FieldMemory,
	emitted: Array<Emission<IDataObject>>,
	serverTime: number | undefined,
): INodeExecutionData[] {
	const watch = settings.change!;
	const examined = emitted.map(({ record }) => ({ id: Number(record.id), record, value: record[watch.field.name], day: dayOf(settings, record) }));
	const transitions = transitionsOf(examined, memory, watch);
	if (settings.resource.dated && serverTime !== undefined) forgetBefore(memory, windowStart(serverTime, settings.windowDays));
	return transitions.map(({ record, previous, current }) => ({
		json: { ...record, event: 'changed', field: watch.field.name, previous, current },
	}));
}

