import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CycleItem, PollIO, Query } from './poller/cycle';
import { decodeValue, encodeValue, wanted } from './poller/fieldChanges';
import { newest } from './poller/plan';
import { formatHarvestTime } from './poller/time';
import type { Settings } from './settings';

/** How far back a manual run looks for recent changes before falling back to the newest records. */
const MANUAL_LOOKBACK_SECONDS = 7 * 24 * 3600;

/**
 * "Fetch Test Event": one item shaped like what the activated trigger emits, built from the most recent
 * matching record, with the state untouched. Harvest cannot sort by update time, so this reads the changes of
 * the last week and, if there are none, the newest records in Harvest's own order. A field change shows the
 * record's current value as `current` and the value Harvest gives new records as `previous` (the real previous
 * value is only known to the activated trigger). "Deleted" shows a deletion's shape with a real record as its
 * `last_seen`; with Report Deletions that item follows the change.
 */
export async function sampleItems(
	ctx: IPollFunctions,
	settings: Settings,
	io: PollIO<IDataObject>,
): Promise<Array<CycleItem<IDataObject>>> {
	const { filters, field } = settings;
	const qs = filters.qs as Query;
	const newestFirst = await io.read(qs, 100);
	let records = newestFirst.pages.flatMap((page) => page.records).filter(filters.match);
	if (newestFirst.serverTime !== undefined) {
		const since = formatHarvestTime(newestFirst.serverTime - MANUAL_LOOKBACK_SECONDS);
		const recent = await io.read({ ...qs, updated_since: since }, 2000);
		records = records.concat(recent.pages.flatMap((page) => page.records).filter(filters.match));
	}
	const items: Array<CycleItem<IDataObject>> = [];
	if (field) {
		const value = (record: IDataObject) => encodeValue(field.spec, record[field.spec.name]);
		const readable = records.filter((record) => value(record) !== undefined);
		const fitting = readable.filter((record) => wanted(field, decodeValue(field.spec, value(record) as number)));
		const [pick] = newest(fitting.length ? fitting : readable, 'newOrUpdated', 1);
		if (pick) {
			const current = decodeValue(field.spec, value(pick.record) as number);
			items.push({ event: 'changed', record: pick.record, field: field.spec.name, previous: field.spec.initial, current });
		}
	} else {
		for (const { record, event } of newest(records, settings.event === 'new' ? 'new' : 'newOrUpdated', 1)) items.push({ event, record });
	}
	const example = items.length && 'record' in items[0] ? items[0].record : undefined;
	// A deletion's shape, with a real record as what was last seen of it.
	if (settings.event === 'deleted' && example) return [{ event: 'deleted', id: Number(example.id), lastSeen: example }];
	if (items.length === 0) {
		throw new NodeOperationError(ctx.getNode(), `No ${settings.resource.plural} found with the current filters`, {
			description: 'Create or change one in Harvest (or loosen the filters), then fetch again. Active workflows are not affected.',
		});
	}
	if (settings.deletions && example) items.push({ event: 'deleted', id: Number(example.id), lastSeen: example });
	return items;
}
