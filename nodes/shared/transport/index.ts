/**
 * The one door to Harvest's HTTP API for the nodes, the trigger, list searches and load options: requests,
 * pagination, the account's rate budget, retries and error mapping. See docs/architecture.md.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiBaseUrl } from './connection';
import { accept, apiUrl, chooseCredentialType, connect, listAccounts, readParameter } from './connect';
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
 * Pages of a list, oldest request first. Asks for `min(limit, 2000)` records per page and follows Harvest's
 * `links.next` as given, which works for cursor and page-numbered lists alike, so N records cost
 * ceil(N / 2000) requests.
 */
export async function* harvestPages(this: HarvestContext, request: HarvestListRequest): AsyncGenerator<HarvestPage> {
	const limit = request.limit && request.limit > 0 ? Math.floor(request.limit) : Number.POSITIVE_INFINITY;
	const connection = await connect(this, request.itemIndex);
	let url = apiUrl(this, connection, request.path, request.itemIndex);
	const firstQuery: IDataObject = { ...request.qs, per_page: Math.min(limit, MAX_PER_PAGE) };
	let qs: IDataObject | undefined = firstQuery;
	let delivered = 0;
	for (;;) {
		const response = await send(this, connection, { method: 'GET', url, qs, headers: request.headers, itemIndex: request.itemIndex });
		const { [request.listKey]: records, ...envelope } = response.body;
		if (!Array.isArray(records)) {
			throw new NodeApiError(
				this.getNode(),
				{ message: `Harvest's answer has no "${request.listKey}" list` },
				{
					message: `Harvest's answer has no "${request.listKey}" list`,
					description: `The endpoint ${request.path} returned: ${Object.keys(response.body).join(', ') || 'nothing'}.`,
					itemIndex: request.itemIndex,
				},
			);
		}
		const wanted = limit - delivered;
		const page = records.length > wanted ? records.slice(0, wanted) : records;
		delivered += page.length;
		yield { records: page as IDataObject[], envelope, headers: response.headers };
		const next = (envelope.links as IDataObject | undefined)?.next;
		if (delivered >= limit || typeof next !== 'string' || next === '') return;
		url = withFirstQuery(apiUrl(this, connection, next, request.itemIndex), firstQuery);
		qs = undefined;
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
