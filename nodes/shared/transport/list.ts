/**
 * One list read's requests: each page goes out through the governor (shared with an identical read when the
 * caller allows it), comes back checked for its list, and counts against the read's bounds. A read never asks
 * for the same page twice and never takes more pages than its first page announced plus a margin; either
 * fault is a NodeApiError naming the endpoint, and the caller gets no records rather than an incomplete list.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { mayShare, readKey, sharedRead } from './inflight';
import { pageBounds, PAGE_MARGIN_MIN, PAGE_MARGIN_SHARE, type PageBounds } from './pages';
import { send } from './send';
import type { Connection, HarvestContext, HarvestListRequest, HarvestPage, HarvestResponse } from './types';

/** Query order and encoding do not make a page new. */
function pageIdentity(url: string, qs: IDataObject | undefined): string {
	const parsed = new URL(url);
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value !== undefined && value !== null) parsed.searchParams.append(key, String(value));
	}
	const params = [...parsed.searchParams.entries()].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1));
	return `${parsed.origin}${parsed.pathname}?${new URLSearchParams(params).toString()}`;
}

export class ListRead {
	private readonly requested = new Set<string>();
	private pagesRead = 0;
	private bounds: PageBounds = { cap: Number.POSITIVE_INFINITY };
	private readonly endpoint: string;

	constructor(
		private readonly ctx: HarvestContext,
		private readonly connection: Connection,
		private readonly request: HarvestListRequest,
		firstUrl: string,
	) {
		const base = connection.apiBase.pathname.replace(/\/+$/, '');
		const path = new URL(firstUrl).pathname;
		this.endpoint = path.startsWith(`${base}/`) ? path.slice(base.length) : path;
	}

	/** Pages this read may still take. */
	get allowed(): number {
		return this.bounds.cap - this.pagesRead;
	}

	/** Fixes the bounds from the first page (called once, after it arrived). */
	bound(envelope: IDataObject, perPageAsked: number): void {
		this.bounds = pageBounds(envelope, perPageAsked);
	}

	/** Reads one page; refuses a page already asked for in this read, or one past the cap, before sending. */
	async page(url: string, qs?: IDataObject): Promise<HarvestPage> {
		const identity = pageIdentity(url, qs);
		if (this.requested.has(identity)) throw this.repeated(url);
		if (this.pagesRead >= this.bounds.cap) throw this.endless();
		this.requested.add(identity);
		this.pagesRead++;
		const { listKey, headers, itemIndex } = this.request;
		const options = { method: 'GET' as const, url, qs, headers, itemIndex };
		const sendIt = async (): Promise<HarvestResponse> => await send(this.ctx, this.connection, options);
		const response = mayShare(this.ctx, this.request.share) ? await sharedRead(readKey(this.connection, options), sendIt) : await sendIt();
		const { [listKey]: records, ...envelope } = response.body;
		if (!Array.isArray(records)) {
			const message = `Harvest's answer has no "${listKey}" list`;
			throw new NodeApiError(
				this.ctx.getNode(),
				{ message },
				{ message, description: `The endpoint ${this.endpoint} returned: ${Object.keys(response.body).join(', ') || 'nothing'}.`, itemIndex },
			);
		}
		return { records: records as IDataObject[], envelope, headers: response.headers };
	}

	private fault(message: string, description: string): NodeApiError {
		return new NodeApiError(this.ctx.getNode(), { message }, { message, description, itemIndex: this.request.itemIndex });
	}

	private repeated(url: string): NodeApiError {
		const query = new URL(url).search;
		return this.fault(
			`Harvest sent a next-page link for ${this.endpoint} that this read had already followed`,
			`After ${this.pagesRead} page${this.pagesRead === 1 ? '' : 's'}, the next link (${this.endpoint}${query}) pointed at a page ` +
				'already read, so following it would return the same records again without end. The read stopped and returned no ' +
				'records, rather than a list with records doubled or missing. Run it again; if it persists, narrow the filters.',
		);
	}

	private endless(): NodeApiError {
		const announced =
			this.bounds.announced === undefined
				? 'announced no total, so the read allows'
				: `announced ${this.bounds.announced} page${this.bounds.announced === 1 ? '' : 's'} (total_pages/total_entries); the read allows that plus a margin for records added meanwhile (${PAGE_MARGIN_MIN} pages or ${PAGE_MARGIN_SHARE * 100} %), in all`;
		return this.fault(
			`Harvest kept sending pages for ${this.endpoint} past the ${this.bounds.cap} this read allows`,
			`The first page ${announced} ${this.bounds.cap} pages, and page ${this.pagesRead} still had a next link. The read ` +
				'stopped and returned no records, rather than an incomplete list. Narrow the filters (for example a date range) and run it again.',
		);
	}
}
