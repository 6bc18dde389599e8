import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DeletionSettings } from './deletionCheck';
import { DEFAULT_LIMIT } from './description';
import { watchedField } from './poller/fields';
import { DEFAULT_OVERLAP_SECONDS } from './poller/plan';
import { fingerprintOf, type StartPoint } from './poller/state';
import type { ChangeWatch } from './poller/transitions';
import { formatHarvestTime, parseStartDate } from './poller/time';
import { FilterProblem, resolveFilters, watchedResource, type ResolvedFilters, type WatchedResource } from './resources';

/** What the user asked to be told about. */
export type TriggerEvent = 'new' | 'newOrUpdated' | 'deleted' | 'fieldChanged';

export interface Settings {
	resource: WatchedResource;
	event: TriggerEvent;
	limit: number;
	overlapSeconds: number;
	start: StartPoint | { kind: 'now' };
	filters: ResolvedFilters;
	/** "Field Changed": the field and the values of interest. */
	change?: ChangeWatch;
	/** Set when deletions are watched ("Deleted", or "Report Deletions"). */
	deletions?: DeletionSettings;
	/** Date window of time entries and expenses for deletions and field memory, in days. */
	windowDays: number;
	fingerprint: string;
}

const EVENTS: readonly TriggerEvent[] = ['new', 'newOrUpdated', 'deleted', 'fieldChanged'];

export function fail(ctx: IPollFunctions, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, description ? { description } : undefined);
}

function positiveWhole(ctx: IPollFunctions, value: unknown, fallback: number, label: string): number {
	const number = value === undefined || value === '' ? fallback : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
		throw fail(ctx, `The parameter "${label}" must be a whole number of at least 1, not ${JSON.stringify(value)}`);
	}
	return number;
}

function readChange(ctx: IPollFunctions, resource: WatchedResource): ChangeWatch {
	const name = String(ctx.getNodeParameter('watchField', ''));
	const field = watchedField(resource.value, name);
	if (!field) throw fail(ctx, `The parameter "Field" must be a field of ${resource.plural} the trigger can watch, not "${name}"`);
	const raw = ctx.getNodeParameter('toValues', []);
	const wanted = Array.isArray(raw) ? raw.map(String) : [];
	const unknown = wanted.filter((value) => !field.values.includes(value));
	if (unknown.length) throw fail(ctx, `The parameter "To Values" must be among ${field.values.join(', ')}, not ${unknown.join(', ')}`);
	return { field, wanted: wanted.length ? [...new Set(wanted)].sort() : undefined };
}

export function readSettings(ctx: IPollFunctions): Settings {
	const resourceValue = String(ctx.getNodeParameter('resource', ''));
	const resource = watchedResource(resourceValue);
	if (!resource) throw fail(ctx, `Harvest App Trigger cannot watch "${resourceValue}"`);

	const eventValue = String(ctx.getNodeParameter('event', 'new')) as TriggerEvent;
	if (!EVENTS.includes(eventValue)) throw fail(ctx, `Unknown event "${eventValue}"`);
	const event = eventValue;

	const limit = positiveWhole(ctx, ctx.getNodeParameter('limit', DEFAULT_LIMIT), DEFAULT_LIMIT, 'Limit');

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

	const change = event === 'fieldChanged' ? readChange(ctx, resource) : undefined;
	const windowDays = positiveWhole(ctx, options.deletionWindowDays, 90, 'Deletion Window Days');
	const watchDeletions = event === 'deleted' || (options.reportDeletions === true && (event === 'new' || event === 'newOrUpdated'));
	const unit = options.deletionCheckUnit === 'polls' ? 'polls' : 'minutes';
	const deletions: DeletionSettings | undefined = watchDeletions
		? { every: { count: positiveWhole(ctx, options.deletionCheckEvery, 15, 'Check for Deletions Every'), unit }, windowDays }
		: undefined;

	// Anything that changes which records or events are reported starts the watch afresh, rather than mixing two
	// streams. How often deletions are checked does not: it changes the cost, not the answer.
	const fingerprint = fingerprintOf({
		resource: resource.value,
		event,
		filters: filters.effective,
		start: start.kind === 'date' ? formatHarvestTime(start.time) : start.kind,
		account: String(ctx.getNodeParameter('accountId', '') ?? ''),
		field: change?.field.name,
		to: change?.wanted,
		deletions: deletions ? true : undefined,
		window: resource.dated && (deletions || change) ? windowDays : undefined,
	});
	return { resource, event, limit, overlapSeconds, start, filters, change, deletions, windowDays, fingerprint };
}
