/**
 * The one door to Harvest's HTTP API for the nodes, the trigger, list searches and load options: requests,
 * pagination, the account's rate budget, retries and error mapping. See docs/architecture.md.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiBaseUrl } from './connection';
import { accept, apiUrl, chooseCredentialType, connect, listAccounts, readParameter } from './connect';
import { lastPageToRead, PageBounds, pageNumberOf, pageUrl, PARALLEL_PAGES } from './pages';
import { send } from './send';
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
export * from './types';

/** One request; the parsed body, `{}` when Harvest answers with none (DELETE). */
export async function harvestRequest(this: HarvestContext, request: HarvestRequest): Promise<IDataObject> {
	return (await harvestRequestFull.call(this, request)).body;
}

export async function harvestRequestFull(this: HarvestContext, request: HarvestRequest): Promise<HarvestResponse> {
	const connection = await connect(this, request.itemIndex);
	const url = apiUrl(this, connection, request.path, request.itemIndex);
	return await send(this, connection, { ...request, url });
}

/**
 * Pages of a list, in Harvest's order. Asks for `min(limit, 2000)` records per page and follows Harvest's
 * `links.next`, which works for cursor and page-numbered lists alike, so N records cost ceil(N / 2000) requests.
 * A page-numbered list whose first page gives `total_pages` has its remaining pages read a few at a time
 * (PARALLEL_PAGES, each through the rate governor); they are still handed out in order. A next link that repeats
 * a page, or more pages than the totals promise (plus a margin), ends the read with an error: nothing is dropped
 * silently and nothing is read forever.
 */
export async function* harvestPages(this: HarvestContext, request: HarvestListRequest): AsyncGenerator<HarvestPage> {
	const limit = request.limit && request.limit > 0 ? Math.floor(request.limit) : Number.POSITIVE_INFINITY;
	const connection = await connect(this, request.itemIndex);
	const perPage = Math.min(limit, MAX_PER_PAGE);
	const firstQuery: IDataObject = { ...request.qs, per_page: perPage };
	const bounds = new PageBounds(perPage);
	const read = async (url: string, qs?: IDataObject) => {
		const response = await send(this, connection, { method: 'GET', url, qs, headers: request.headers, itemIndex: request.itemIndex });
		return pageOf(this, request, response);
	};
	const nextOf = (page: HarvestPage) => {
		const next = (page.envelope.links as IDataObject | undefined)?.next;
		return typeof next === 'string' && next !== '' ? withFirstQuery(apiUrl(this, connection, next, request.itemIndex), firstQuery) : undefined;
	};
	let delivered = 0;
	const hand = (page: HarvestPage): HarvestPage => {
		bounds.page(page.envelope);
		const wanted = limit - delivered;
		const records = page.records.length > wanted ? page.records.slice(0, wanted) : page.records;
		delivered += records.length;
		return { ...page, records };
	};

	const first = await read(apiUrl(this, connection, request.path, request.itemIndex), firstQuery);
	yield hand(first);
	let next = nextOf(first);
	const last = next && delivered < limit ? lastPageToRead(next, first.envelope, perPage, limit) : undefined;
	if (next && last !== undefined) {
		// Pages 2..last at once, a few in flight, handed out in order. A failed page fails the read.
		const template = next;
		let toStart = 2;
		const inFlight: Array<Promise<HarvestPage>> = [];
		const startOne = () => {
			const pending = read(pageUrl(template, toStart++));
			pending.catch(() => undefined); // awaited in order below; this only keeps a later failure from being "unhandled"
			inFlight.push(pending);
		};
		while (inFlight.length < PARALLEL_PAGES && toStart <= last) startOne();
		let page: HarvestPage | undefined;
		while (inFlight.length) {
			page = await (inFlight.shift() as Promise<HarvestPage>);
			if (toStart <= last) startOne();
			yield hand(page);
			if (delivered >= limit) return;
		}
		// Records added while the pages were read can leave a further page: follow it as Harvest links it.
		next = page ? nextOf(page) : undefined;
		if (next && pageNumberOf(next) !== undefined && (pageNumberOf(next) as number) <= last) next = undefined;
	}
	while (next && delivered < limit) {
		const problem = bounds.problem(next);
		if (problem) throw endlessList(this, request, problem);
		const page = await read(next);
		yield hand(page);
		next = nextOf(page);
	}
}

function pageOf(ctx: HarvestContext, request: HarvestListRequest, response: HarvestResponse): HarvestPage {
	const { [request.listKey]: records, ...envelope } = response.body;
	if (!Array.isArray(records)) {
		throw new NodeApiError(
			ctx.getNode(),
			{ message: `Harvest's answer has no "${request.listKey}" list` },
			{
				message: `Harvest's answer has no "${request.listKey}" list`,
				description: `The endpoint ${request.path} returned: ${Object.keys(response.body).join(', ') || 'nothing'}.`,
				itemIndex: request.itemIndex,
			},
		);
	}
	return { records: records as IDataObject[], envelope, headers: response.headers };
}

function endlessList(ctx: HarvestContext, request: HarvestListRequest, problem: string): NodeApiError {
	const message = `Harvest's pages of ${request.path.split('?')[0]} do not end: ${problem}`;
	return new NodeApiError(
		ctx.getNode(),
		{ message },
		{
			message,
			description:
				'The read was stopped instead of following the list forever; no records were returned. A proxy in front of Harvest, or a list changing very fast, can cause this: try again, or narrow the read with filters.',
			itemIndex: request.itemIndex,
		},
	);
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
