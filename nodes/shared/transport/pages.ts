/**
 * How one list read moves through its pages: which pages of a page-numbered list may be read at once, the order
 * they are handed on in, and where a read must stop because the server keeps sending pages. Pure: no requests
 * and no clock (index.ts sends, the governor paces).
 */
import type { IDataObject } from 'n8n-workflow';

/**
 * Pages of one read that may be started and not yet handed on. Small on purpose: each waiting page holds up to
 * 2,000 records in memory, and full pages, which take Harvest a second or more to build, then go out at about
 * 5 per second at most, below the 100 per 15 s that Harvest allows (the governor still counts every one). The
 * benchmark sets it to 1 to measure sequential reads in the same n8n.
 */
export const pageReading = { concurrency: 5 };

/** The smallest number of pages a read may take beyond what its first page announced. */
export const PAGE_MARGIN_MIN = 2;
/** ...or this share of the announced pages, when larger: lists grow while a long read runs. */
export const PAGE_MARGIN_SHARE = 0.1;
/** Pages allowed when the first page announces neither `total_pages` nor `total_entries` (Harvest always does). */
export const UNANNOUNCED_PAGE_CAP = 1000;

export interface PageBounds {
	/** Pages the first page announced: the larger of `total_pages` and ceil(`total_entries` / `per_page`). */
	announced?: number;
	/** Most pages the read may take, the first one included. */
	cap: number;
}

function wholeNumber(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** The bounds of a read, from the envelope of its first page and the page size that was asked for. */
export function pageBounds(envelope: IDataObject, perPageAsked: number): PageBounds {
	const totalPages = wholeNumber(envelope.total_pages);
	const totalEntries = wholeNumber(envelope.total_entries);
	const perPage = wholeNumber(envelope.per_page) || perPageAsked;
	const fromEntries = totalEntries !== undefined && perPage > 0 ? Math.ceil(totalEntries / perPage) : undefined;
	const known = [totalPages, fromEntries].filter((n): n is number => n !== undefined);
	if (known.length === 0) return { cap: UNANNOUNCED_PAGE_CAP };
	const announced = Math.max(1, ...known);
	return { announced, cap: announced + Math.max(PAGE_MARGIN_MIN, Math.ceil(announced * PAGE_MARGIN_SHARE)) };
}

/**
 * The page number a next link asks for when the list is page-numbered: exactly one `page` parameter, a whole
 * number, and no cursor (cursor lists are read one link after another: only the server knows the next cursor).
 */
export function pageNumberIn(url: string): number | undefined {
	let params: URLSearchParams;
	try {
		params = new URL(url).searchParams;
	} catch {
		return undefined;
	}
	if (params.has('cursor')) return undefined;
	const pages = params.getAll('page');
	if (pages.length !== 1 || !/^[1-9]\d{0,8}$/.test(pages[0])) return undefined;
	return Number(pages[0]);
}

/** The same link asking for another page: only the page number changes, every other byte stays as Harvest sent it. */
export function withPageNumber(url: string, page: number): string {
	return url.replace(/([?&]page=)\d+(?=[&#]|$)/, `$1${page}`);
}

function perPageIn(url: string): number | undefined {
	const value = new URL(url).searchParams.get('per_page');
	return value !== null && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined;
}

export interface PagePlanInput {
	/** The next link of the page just read (absolute, with the first request's filters). */
	next: string;
	/** That page's envelope (`total_pages`, `per_page`). */
	envelope: IDataObject;
	/** Records still wanted; Infinity for Return All. */
	remaining: number;
	/** Pages this read may still take under its cap. */
	allowed: number;
}

/**
 * The page numbers to read at once after a page of a page-numbered list: from the one its next link names up
 * to the last one announced (`total_pages`), no more than the records still wanted need (ceil(remaining /
 * per_page)), and no more than the cap allows. Fewer than two means: follow the next link alone. Pages that a
 * list grown meanwhile adds are not guessed: the last page's own next link is followed after these.
 */
export function pagesToReadAtOnce({ next, envelope, remaining, allowed }: PagePlanInput): number[] {
	const first = pageNumberIn(next);
	const totalPages = wholeNumber(envelope.total_pages);
	if (first === undefined || totalPages === undefined || totalPages < first) return [];
	let last = Math.min(totalPages, first - 1 + Math.max(0, allowed));
	if (Number.isFinite(remaining)) {
		const perPage = wholeNumber(envelope.per_page) || perPageIn(next);
		if (!perPage) return [];
		last = Math.min(last, first - 1 + Math.ceil(remaining / perPage));
	}
	const pages: number[] = [];
	for (let page = first; page <= last; page++) pages.push(page);
	return pages;
}

export interface InOrderOptions {
	/** Reads started and not yet handed on, at most. */
	concurrency: number;
	/** Asked before each start and each hand-on; an error stops the read (a cancelled execution). */
	stopped?: () => Error | undefined;
}

type Settled<T> = { ok: true; value: T } | { ok: false };

/**
 * Runs `read(0 … count - 1)` with at most `concurrency` reads started but not yet handed on, and hands the
 * results on in index order. Once any read fails (or `stopped`, asked before each start and each hand-on, says
 * so) nothing new starts and nothing more is handed on; the reads already started are awaited, so none is left running when this ends, and the failure of
 * the earliest page is thrown. A consumer that stops early also waits for the started reads.
 */
export async function* inOrder<T>(count: number, read: (index: number) => Promise<T>, options: InOrderOptions): AsyncGenerator<T> {
	const concurrency = Math.max(1, Math.floor(options.concurrency));
	const started: Array<Promise<Settled<T>> | undefined> = [];
	let failure: { index: number; error: unknown } | undefined;
	let nextToStart = 0;
	let handedOn = 0;
	const fail = (index: number, error: unknown) => {
		if (!failure || index < failure.index) failure = { index, error };
	};
	const startMore = () => {
		while (!failure && nextToStart < count && nextToStart - handedOn < concurrency) {
			const stop = options.stopped?.();
			if (stop) return fail(nextToStart, stop);
			const index = nextToStart++;
			started[index] = read(index).then(
				(value): Settled<T> => ({ ok: true, value }),
				(error: unknown): Settled<T> => {
					fail(index, error);
					return { ok: false };
				},
			);
		}
	};
	try {
		while (handedOn < count) {
			startMore();
			if (failure) break;
			const result = await started[handedOn]!;
			const stop = options.stopped?.();
			if (stop) fail(handedOn, stop);
			// A later page may have failed (or the execution ended) while this one was on its way: hand on nothing then.
			if (failure || !result.ok) break;
			started[handedOn] = undefined;
			handedOn++;
			yield result.value;
		}
		if (failure) throw failure.error;
	} finally {
		await Promise.all(started.filter((p): p is Promise<Settled<T>> => p !== undefined));
	}
}
