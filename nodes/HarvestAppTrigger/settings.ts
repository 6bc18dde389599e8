import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_LIMIT } from './description';
import { targetOptions, watchedField, WATCHED_FIELDS } from './fields';
import type { CycleConfig, Query, TriggerEvent } from './poller/cycle';
import type { CheckEvery } from './poller/deletions';
import type { FieldWatch } from './poller/fieldChanges';
import { DEFAULT_OVERLAP_SECONDS } from './poller/plan';
import { fingerprintOf } from './poller/state';
import { formatHarvestTime, parseStartDate } from './poller/time';
import { FilterProblem, resolveFilters, watchedResource, type ResolvedFilters, type WatchedResource } from './resources';

/** What the node's parameters ask for, checked, and the poll's configuration built from them. */
export interface Settings {
	resource: WatchedResource;
	event: TriggerEvent;
	filters: ResolvedFilters;
	field?: FieldWatch;
	/** Whether deletions are reported (the event "Deleted", or Report Deletions). */
	deletions: boolean;
	config: CycleConfig<IDataObject>;
}

const EVENTS: readonly TriggerEvent[] = ['new', 'newOrUpdated', 'deleted', 'fieldChanged'];
const DEFAULT_DELETION_CHECK = 15;
const DEFAULT_WINDOW_DAYS = 90;

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

function readField(ctx: IPollFunctions, resource: WatchedResource): FieldWatch {
	const name = String(ctx.getNodeParameter('watchField', ''));
	const spec = watchedField(resource.value, name);
	if (!spec) throw fail(ctx, `The parameter "Field" must be a field of ${resource.plural} the trigger can watch, not "${name}"`);
	const raw = ctx.getNodeParameter('toValues', []);
	const to = Array.isArray(raw) ? [...new Set(raw.map(String))].sort() : [];
	const allowed = targetOptions(spec).map((option) => String(option.value));
	const unknown = to.filter((value) => !allowed.includes(value));
	if (unknown.length) throw fail(ctx, `The parameter "To Values" must be among ${allowed.join(', ')}, not ${unknown.join(', ')}`);
	return { spec, to };
}

export function readSettings(ctx: IPollFunctions): Settings {
	const resourceValue = String(ctx.getNodeParameter('resource', ''));
	const resource = watchedResource(resourceValue);
	if (!resource) throw fail(ctx, `Harvest App Trigger cannot watch "${resourceValue}"`);

	const event = String(ctx.getNodeParameter('event', 'new')) as TriggerEvent;
	if (!EVENTS.includes(event) || (event === 'fieldChanged' && !WATCHED_FIELDS[resource.value])) {
		throw fail(ctx, `Unknown event "${event}" for ${resource.plural}`);
	}
	const limit = positiveWhole(ctx, ctx.getNodeParameter('limit', DEFAULT_LIMIT), DEFAULT_LIMIT, 'Limit');

	const options = (ctx.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const overlapSeconds = Number(options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS);
	if (!Number.isFinite(overlapSeconds) || overlapSeconds < 0) {
		throw fail(ctx, 'The option "Overlap Seconds" must be a number of seconds, 0 or more');
	}

	// Deletions and field changes start now: what existed before is their memory, not their news.
	let start: CycleConfig<IDataObject>['start'] = { kind: 'now' };
	const fromThePast = event === 'new' || event === 'newOrUpdated';
	if (fromThePast && options.includeExisting === true) {
		start = { kind: 'everything' };
	} else if (fromThePast && options.startFrom !== undefined && options.startFrom !== '') {
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

	const field = event === 'fieldChanged' ? readField(ctx, resource) : undefined;
	const deletions = event === 'deleted' || (fromThePast && options.reportDeletions === true);
	const every: CheckEvery = {
		count: positiveWhole(ctx, options.deletionCheckEvery, DEFAULT_DELETION_CHECK, 'Check for Deletions Every'),
		unit: options.deletionCheckUnit === 'polls' ? 'polls' : 'minutes',
	};
	const windowDays = resource.dated ? positiveWhole(ctx, options.deletionWindowDays, DEFAULT_WINDOW_DAYS, 'Deletion Window Days') : undefined;

	// Anything that changes which records or events are reported starts the watch afresh, rather than mixing two
	// streams. The memory of records (the roster) has a fingerprint of its own: what it holds depends on the field
	// and the window, not on whether deletions are reported, how often, or which values are wanted.
	const fingerprint = fingerprintOf({
		resource: resource.value,
		event,
		filters: filters.effective,
		start: start.kind === 'date' ? formatHarvestTime(start.time) : start.kind,
		account: String(ctx.getNodeParameter('accountId', '') ?? ''),
	});
	const config: CycleConfig<IDataObject> = {
		fingerprint,
		event,
		limit,
		overlapSeconds,
		start,
		changeQs: filters.qs as Query,
		matches: filters.match,
		field,
	};
	if (field || deletions) {
		const listQs: IDataObject = { ...filters.qs };
		// Archiving is not deleting: listings include archived records, and "Active Only" is checked on each.
		delete listQs.is_active;
		config.tracking = {
			fingerprint: fingerprintOf({ watch: fingerprint, field: field?.spec.name, window: windowDays }),
			listQs: listQs as Query,
			watched: filters.stillMatches,
			window: windowDays ? { days: windowDays, dateField: 'spent_date' } : undefined,
			deletions: deletions ? { every } : undefined,
		};
	}
	return { resource, event, filters, field, deletions, config };
}
