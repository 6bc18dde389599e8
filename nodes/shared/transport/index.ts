/**
 * The one door to Harvest's HTTP API for the nodes, the trigger, list searches and load options: requests,
 * pagination, the account's rate budget, retries and error mapping. See docs/architecture.md.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiBaseUrl } from './connection';
import { accept, apiUrl, chooseCredentialType, connect, listAccounts, readParameter } from './connect';
import { mayShare, readKey, sharedRead } from './inflight';
import { ListRead } from './list';
import { inOrder, pageReading, pagesToReadAtOnce, withPageNumber } from './pages';
import { cancelledError, cancelSignal, send } from './send';
import {
	MAX_PER_PAGE,
	type HarvestAccount,
	type HarvestContext,
	type HarvestListRequest,
	type HarvestPage,
	type HarvestRequest,
	type HarvestResponse,
} from './types';

export { forgetAccounts } from './connect';
export { accountWebAddress, harvestDownload, shownUrl, type HarvestFile } from './download';
export { pageReading } from './pages';
export * from './types';

/** One request; the parsed body, `{}` when Harvest answers with none (DELETE). */
export async function harvestRequest(this: HarvestContext, request: HarvestRequest): Promise<IDataObject> {
	return (await harvestRequestFull.call(this, request)).body;
}

export async function harvestRequestFull(this: HarvestContext, request: HarvestRequest): Promise<HarvestResponse> {
	const connection = await connect(this, request.itemIndex);
	const url = apiUrl(this, connection, request.path, request.itemIndex);
	const options = { ...request, url };
	if (request.method === 'GET' && mayShare(this, request.share)) {
		return await sharedRead(readKey(connection, options), async () => await send(this, connection, options));
	}
	return await send(this, connection, options);
}

/**
 * Pages of a list, in Harvest's order. Asks for `min(limit, 2000)` records per page and follows Harvest's
 * `links.next`, so N records cost ceil(N / 2000) requests. On page-numbered lists (a next link with `page=`)
 * the pages that the first one announces (`total_pages`, and no more than the limit needs) are read a few at
 * a time, each through the governor, and handed on in order; cursor lists are read one link after another.
 * A read stops with a NodeApiError on a next link it already followed, or past the announced pages plus a
 * margin (see list.ts).
 */
export async function* harvestPages(this: HarvestContext, request: HarvestListRequest): AsyncGenerator<HarvestPage> {
	const limit = request.limit && request.limit > 0 ? Math.floor(request.limit) : Number.POSITIVE_INFINITY;
	const connection = await connect(this, request.itemIndex);
	const firstUrl = apiUrl(this, connection, request.path, request.itemIndex);
	const firstQuery: IDataObject = { ...request.qs, per_page: Math.min(limit, MAX_PER_PAGE) };
	const read = new ListRead(this, connection, request, firstUrl);
	let page = await read.page(firstUrl, firstQuery);
	read.bound(page.envelope, Number(firstQuery.per_page));
	let delivered = 0;
	const handOn = (next: HarvestPage): HarvestPage => {
		const wanted = limit - delivered;
		const records = next.records.length > wanted ? next.records.slice(0, wanted) : next.records;
		delivered += records.length;
		return { ...next, records };
	};
	const signal = cancelSignal(this);
	const stopped = () => (signal?.aborted ? cancelledError(this, request.itemIndex) : undefined);
	yield handOn(page);
	for (;;) {
		const link = (page.envelope.links as IDataObject | undefined)?.next;
		if (delivered >= limit || typeof link !== 'string' || link === '') return;
		const next = withFirstQuery(apiUrl(this, connection, link, request.itemIndex), firstQuery);
		const numbers = pagesToReadAtOnce({ next, envelope: page.envelope, remaining: limit - delivered, allowed: read.allowed });
		if (numbers.length < 2) {
			page = await read.page(next);
			yield handOn(page);
			continue;
		}
		const pages = inOrder(numbers.length, async (i) => await read.page(withPageNumber(next, numbers[i])), {
			concurrency: pageReading.concurrency,
			stopped,
		});
		for await (const each of pages) {
			page = each;
			yield handOn(page);
			if (delivered >= limit) return;
		}
	}
}

/**
 * Harvest's docs do not say whether `links.next` repeats the filters of the first request. Adding back any
 * that it lacks keeps later pages filtered either way; keys it carries are left exactly as given.
 */
function withFirstQuery(url: string, firstQuery: IDataObject): string {
	const next = new URL(url);
	let changed = false;
	for (const [key, value] of Object.entries(firstQuery)) {
		if (value === undefined || value === null || value === '' || next.searchParams.has(key)) continue;
		next.searchParams.append(key, String(value));
		changed = true;
	}
	return changed ? next.toString() : url;
}

export async function harvestList(this: HarvestContext, request: HarvestListRequest): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	for await (const page of harvestPages.call(this, request)) all.push(...page.records);
	return all;
}

/** The Harvest accounts the credential's token reaches (Forecast accounts left out). */
export async function harvestAccounts(this: HarvestContext): Promise<HarvestAccount[]> {
	const credentialType = chooseCredentialType(this, String(readParameter(this, 'authentication', 0, 'accessToken')));
	const credentials = await this.getCredentials(credentialType);
	const apiBase = accept(this, apiBaseUrl(credentials));
	return await listAccounts(this, { credentialType, apiBase, accountId: '', secrets: [] });
}
