import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { harvestPages } from '../shared/transport';
import { DEFAULT_LIMIT, triggerProperties } from './description';
import { withParametersReadNow } from './parameters';
import { claimPoll, pollKey, releasePoll } from './pollGuard';
import { assessPages, type PageSummary } from './poller/pages';
import { DEFAULT_OVERLAP_SECONDS, newest, plan, readWindow, type Emission, type WatchEvent } from './poller/plan';
import { fingerprintOf, loadState, startState, type StartPoint } from './poller/state';
import { formatHarvestTime, parseHttpDate, parseStartDate } from './poller/time';
import { FilterProblem, listSpec, resolveFilters, watchedResource, type ResolvedFilters, type WatchedResource } from './resources';

/** Key of the trigger's state in the node's static data. */
export const STATE_KEY = 'harvestAppTrigger';

/** How far back a manual run looks for recent changes before falling back to the newest records. */
const MANUAL_LOOKBACK_SECONDS = 7 * 24 * 3600;
/** A manual run returns this many records: enough to map fields, like n8n's own polling triggers. */
const MANUAL_SAMPLE_SIZE = 1;

interface Settings {
	resource: WatchedResource;
	event: WatchEvent;
	limit: number;
	overlapSeconds: number;
	start: StartPoint | { kind: 'now' };
	filters: ResolvedFilters;
	fingerprint: string;
}

function fail(ctx: IPollFunctions, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, description ? { description } : undefined);
}

function readSettings(ctx: IPollFunctions): Settings {
	const resourceValue = String(ctx.getNodeParameter('resource', ''));
	const resource = watchedResource(resourceValue);
	if (!resource) throw fail(ctx, `Harvest App Trigger cannot watch "${resourceValue}"`);

	const eventValue = String(ctx.getNodeParameter('event', 'new'));
	if (eventValue !== 'new' && eventValue !== 'newOrUpdated') throw fail(ctx, `Unknown event "${eventValue}"`);
	const event: WatchEvent = eventValue;

	const limit = Number(ctx.getNodeParameter('limit', DEFAULT_LIMIT));
	if (!Number.isInteger(limit) || limit < 1) throw fail(ctx, 'The parameter "Limit" must be a whole number of at least 1');

	const options = (ctx.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const overlapSeconds = Number(options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS);
	if (!Number.isFinite(overlapSeconds) || overlapSeconds < 0) {
		throw fail(ctx, 'The option "Overlap Seconds" must be a number of seconds, 0 or more');
	}

	let start: Settings['start'] = { kind: 'now' };
	if (options.includeExisting === true) {
		start = { kind: 'everything' };
	} else if (options.startFrom !== undefined && options.startFrom !== '') {
		const time = parseStartDate(options.startFrom, ctx.getTimezone());
		if (time === undefined) throw fail(ctx, `The option "Start From" is not a date: "${String(options.startFrom)}"`);
		start = { kind: 'date', time };
	}

	let filters: ResolvedFilters;
	try {
		filters = resolveFilters(resource, (ctx.getNodeParameter('filters', {}) ?? {}) as IDataObject);
	} catch (error) {
		throw error instanceof FilterProblem ? fail(ctx, error.message) : new NodeOperationError(ctx.getNode(), error as Error);
	}

	// Anything that changes which records are reported starts the watch afresh, rather than mixing two streams.
	const fingerprint = fingerprintOf({
		resource: resource.value,
		event,
		filters: filters.effective,
		start: start.kind === 'date' ? formatHarvestTime(start.time) : start.kind,
		account: String(ctx.getNodeParameter('accountId', '') ?? ''),
	});
	return { resource, event, limit, overlapSeconds, start, filters, fingerprint };
}

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
	const sample = newest(records, settings.event, MANUAL_SAMPLE_SIZE);
	if (sample.length === 0) {
		throw fail(
			ctx,
			`No ${settings.resource.plural} found with the current filters`,
			`Create or change one in Harvest (or loosen the filters), then fetch again. Active workflows are not affected.`,
		);
	}
	return [toItems(sample)];
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

async function pollOnce(this: void, ctx: IPollFunctions, settings: Settings): Promise<INodeExecutionData[][] | null> {

	const staticData = ctx.getWorkflowStaticData('node');
	let state = loadState(staticData[STATE_KEY], settings.fingerprint);
	if (!state) {
		if (settings.start.kind === 'now') {
			// First activation (or the watch changed): remember where "now" is on Harvest's clock, report nothing.
			const serverTime = await serverNow(ctx, settings);
			if (serverTime === undefined) {
				ctx.logger.warn('Harvest App Trigger: Harvest sent no Date header; trying to start again at the next poll');
				return null;
			}
			staticData[STATE_KEY] = startState(settings.fingerprint, { kind: 'now', serverTime });
			return null;
		}
		state = startState(settings.fingerprint, settings.start);
	}

	const window = readWindow(state, settings.overlapSeconds);
	const read = await readAll(ctx, settings, window.updatedSince ? { updated_since: window.updatedSince } : {});
	const assessed = assessPages(read.pages, read.serverTime);
	const result = plan({
		state,
		records: assessed.records.filter(settings.filters.match),
		event: settings.event,
		limit: settings.limit,
		overlapSeconds: settings.overlapSeconds,
		serverTime: read.serverTime,
		complete: assessed.complete,
	});
	staticData[STATE_KEY] = result.state;

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
	return result.emit.length ? [toItems(result.emit)] : null;
}
