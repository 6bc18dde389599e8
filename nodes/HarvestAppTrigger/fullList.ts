import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { endpoint } from '../shared/catalogue';
import { harvestPages, harvestRequest } from '../shared/transport';
import { assessPages, type PageSummary } from './poller/pages';
import { parseHttpDate } from './poller/time';
import { listSpec, type WatchedResource } from './resources';

/**
 * Whole-list reads for deletions and for the memory of field values: every record of the watched list (within
 * the date window for time entries and expenses), ceil(N / 2000) requests. Also the one-record reads that tell a
 * deletion from a record that only left the list.
 */

export interface FullList {
	records: IDataObject[];
	/** The first response's `Date`, epoch seconds. */
	serverTime?: number;
	/** False when pages may have shifted under the read (see poller/pages.ts). */
	complete: boolean;
}

export async function readFullList(ctx: IPollFunctions, resource: WatchedResource, qs: IDataObject): Promise<FullList> {
	const { path, key } = listSpec(resource);
	const pages: Array<PageSummary<IDataObject>> = [];
	let serverTime: number | undefined;
	for await (const page of harvestPages.call(ctx, { path, listKey: key, qs })) {
		serverTime ??= parseHttpDate(page.headers.date);
		const total = page.envelope.total_entries;
		pages.push({ records: page.records, totalEntries: typeof total === 'number' ? total : undefined });
	}
	const assessed = assessPages(pages, serverTime);
	return { records: assessed.records, serverTime, complete: assessed.complete };
}

/** At most this many missing ids are looked up per check (about 15 s of the account's budget); the rest wait. */
export const MAX_LOOKUPS_PER_CHECK = 100;

export interface Lookup {
	/** Ids Harvest answers 404 for: deleted. */
	deleted: number[];
	/** Records that still exist (archived, moved out of the filters, or skipped by a shifting page). */
	existing: IDataObject[];
	/** Ids not looked up this time (over MAX_LOOKUPS_PER_CHECK). */
	unchecked: number[];
}

/** Asks Harvest for each missing id: a 404 is a deletion; an answer means the record is still there. */
export async function lookUp(ctx: IPollFunctions, resource: WatchedResource, ids: readonly number[]): Promise<Lookup> {
	const result: Lookup = { deleted: [], existing: [], unchecked: ids.slice(MAX_LOOKUPS_PER_CHECK) };
	if (!resource.get) return { ...result, unchecked: [...ids] };
	const template = endpoint(resource.get).path;
	for (const id of ids.slice(0, MAX_LOOKUPS_PER_CHECK)) {
		try {
			result.existing.push(await harvestRequest.call(ctx, { method: 'GET', path: template.replace(/\{\w+\}/, String(id)) }));
		} catch (error) {
			if (!(error instanceof NodeApiError) || String(error.httpCode) !== '404') throw asNodeError(ctx, error);
			result.deleted.push(id);
		}
	}
	return result;
}

/** The transport's errors pass on unchanged; anything else becomes a NodeOperationError. */
function asNodeError(ctx: IPollFunctions, error: unknown): NodeApiError | NodeOperationError {
	return error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(ctx.getNode(), error as Error);
}
