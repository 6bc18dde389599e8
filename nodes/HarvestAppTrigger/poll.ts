import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { endpoint } from '../shared/catalogue';
import { harvestPages, harvestRequest } from '../shared/transport';
import { triggerProperties } from './description';
import { withParametersReadNow } from './parameters';
import { claimPoll, pollKey, releasePoll } from './pollGuard';
import { chooseStart } from './poller/anchor';
import { runCycle, type CycleItem, type PollIO, type Query, type Read } from './poller/cycle';
import { parseHttpDate } from './poller/time';
import { listSpec, type WatchedResource } from './resources';
import { sampleItems } from './sample';
import { readSettings } from './settings';
import { dropAnchors, keepAnchor, readAnchors } from './startAnchors';

/** Key of the trigger's state in the node's static data. */
export const STATE_KEY = 'harvestAppTrigger';

/** Harvest as the poller sees it: reads of the watched list, listings page by page, lookups by id. */
export function harvestIO(ctx: IPollFunctions, resource: WatchedResource): PollIO<IDataObject> {
	const { path, key } = listSpec(resource);
	async function pages(qs: Query, limit: number | undefined, onPage: (records: IDataObject[], total?: number) => void): Promise<number | undefined> {
		let serverTime: number | undefined;
		let first = true;
		for await (const page of harvestPages.call(ctx, { path, listKey: key, qs, limit })) {
			if (first) serverTime = parseHttpDate(page.headers.date);
			first = false;
			const total = page.envelope.total_entries;
			onPage(page.records, typeof total === 'number' ? total : undefined);
		}
		return serverTime;
	}
	// Where Harvest reads one record by id (all but the assignments): how a deletion is told from a record that left.
	const lookup = resource.get ? endpoint(resource.get).path : undefined;
	return {
		read: async (qs, limit) => {
			const read: Read<IDataObject> = { pages: [] };
			read.serverTime = await pages(qs, limit, (records, totalEntries) => read.pages.push({ records, totalEntries }));
			return read;
		},
		list: async (qs, visit) => {
			const read: Read<{ id?: unknown; updated_at?: unknown }> = { pages: [] };
			read.serverTime = await pages(qs, undefined, (records, totalEntries) => {
				for (const record of records) visit(record);
				read.pages.push({ records: records.map(({ id, updated_at }) => ({ id, updated_at })), totalEntries });
			});
			return read;
		},
		lookup: lookup
			? async (id) => {
					try {
						return await harvestRequest.call(ctx, { method: 'GET', path: lookup.replace(/\{\w+\}/, String(id)) });
					} catch (error) {
						// "Not found" is the answer the lookup is for: the record is gone.
						if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
						throw error instanceof NodeApiError ? error : new NodeOperationError(ctx.getNode(), error as Error);
					}
				}
			: undefined,
	};
}

/** One item per change; the Harvest record stays whole, with the fields the trigger adds (no Harvest record has them). */
export function toItems(items: ReadonlyArray<CycleItem<IDataObject>>): INodeExecutionData[] {
	return items.map((item) => {
		switch (item.event) {
			case 'deleted':
				return { json: { id: item.id, event: 'deleted', last_seen: item.lastSeen } };
			case 'changed':
				return { json: { ...item.record, event: 'changed', field: item.field, previous: item.previous, current: item.current } as IDataObject };
			default:
				return { json: { ...item.record, event: item.event } };
		}
	});
}

/** The node's top-level parameters, read at the start of each poll (see parameters.ts). */
const PARAMETERS = [...new Set(triggerProperties.map((property) => property.name))];

export async function pollHarvest(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const ctx = withParametersReadNow(this, PARAMETERS);
	// "Fetch Test Event" touches no state, so it neither waits for nor blocks the activated polls.
	if (this.getMode() === 'manual') {
		const settings = readSettings(ctx);
		return [toItems(await sampleItems(ctx, settings, harvestIO(ctx, settings.resource)))];
	}
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

async function pollOnce(ctx: IPollFunctions, settings: ReturnType<typeof readSettings>): Promise<INodeExecutionData[][] | null> {
	const staticData = ctx.getWorkflowStaticData('node');
	// n8n's durable scheduler keeps no state from the poll it runs at activation, and runs its own ticks with the
	// activation mode "update": a tick without a state of its own reads on from where that poll began (anchor.ts).
	const start = chooseStart(staticData[STATE_KEY], readAnchors(ctx), settings.config.fingerprint, ctx.getActivationMode() === 'update');
	if (start.dropAnchors) dropAnchors(ctx);
	if (start.adopted) ctx.logger.info('Harvest App Trigger: reading on from where watching began at activation (n8n kept no state of that poll)');
	const { items, stored, notes } = await runCycle(harvestIO(ctx, settings.resource), settings.config, start.stored);
	if (stored) staticData[STATE_KEY] = stored as unknown as IDataObject;
	if (notes.started && stored) keepAnchor(ctx, stored);

	const log = ctx.logger;
	if (notes.noDate) log.warn('Harvest App Trigger: Harvest sent no Date header, so no change could be judged final; reading again next poll');
	if (notes.incomplete) log.debug(`Harvest App Trigger: read again next poll (${notes.incomplete})`);
	if (notes.unsettled > 0) log.debug(`Harvest App Trigger: ${notes.unsettled} change(s) from the last seconds held back until their second is over`);
	if (notes.pending > 0) log.debug(`Harvest App Trigger: ${notes.pending} more change(s) held back by the limit for the next polls`);
	if (notes.invalid > 0) log.warn(`Harvest App Trigger: ${notes.invalid} record(s) without id, created_at or updated_at were skipped`);
	if (notes.unreadable > 0) log.warn(`Harvest App Trigger: ${notes.unreadable} record(s) had a value the watched field cannot have; left unreported`);
	if (notes.listed !== undefined) log.debug(`Harvest App Trigger: listed ${notes.listed} record(s) (${notes.lookups} looked up, ${notes.candidates} still to check)`);
	return items.length ? [toItems(items)] : null;
}
