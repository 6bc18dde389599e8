/**
 * Pure rules for reading a list's pages: how many pages a read may take, whether the remaining pages of a
 * page-numbered list can be read at once, and their addresses. No I/O; `index.ts` does the reading.
 */
import type { IDataObject } from 'n8n-workflow';

/** Pages of one page-numbered list read at the same time (each still waits for its slot in the governor). */
export const PARALLEL_PAGES = 4;
/** Pages beyond what the list's totals promise that a read may take (records added while it reads). */
export const PAGE_MARGIN = 2;
/** The cap for a list that gives no totals at all (Harvest always does; a proxy might not). */
export const PAGES_WITHOUT_TOTALS = 10_000;

const count = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

/** The pages a list's envelope promises: `total_pages`, else `total_entries` / per page; undefined if neither. */
export function promisedPages(envelope: IDataObject, perPage: number): number | undefined {
	const pages = count(envelope.total_pages);
	if (pages !== undefined) return pages;
	const entries = count(envelope.total_entries);
	return entries === undefined ? undefined : Math.ceil(entries / Math.max(1, perPage));
}

/**
 * Tracks one read: every next link followed, and the most pages any envelope promised. A next link seen before
 * (the list goes round in circles), or more pages than promised plus the margin (it never ends), stops the read.
 */
export class PageBounds {
	private readonly followed = new Set<string>();
	private promised: number | undefined;
	private read = 0;

	constructor(private readonly perPage: number) {}

	/** Records one page read and its envelope. */
	page(envelope: IDataObject): void {
		this.read++;
		const promised = promisedPages(envelope, this.perPage);
		if (promised !== undefined) this.promised = Math.max(this.promised ?? 0, promised);
	}

	get pagesRead(): number {
		return this.read;
	}

	get cap(): number {
		return this.promised === undefined ? PAGES_WITHOUT_TOTALS : Math.max(1, this.promised) + PAGE_MARGIN;
	}

	/** Why the read must stop before following `next`, or undefined to go on. */
	problem(next: string): string | undefined {
		if (this.followed.has(next)) return `its next link repeats a page already read (${next})`;
		if (this.read >= this.cap) {
			return `it has given ${this.read} pages while its totals promised ${this.promised ?? 'none'}`;
		}
		this.followed.add(next);
		return undefined;
	}
}

/** The page number a next link asks for, when it is a page-numbered link (`page=N` and no cursor). */
export function pageNumberOf(url: string): number | undefined {
	const params = new URL(url).searchParams;
	if (params.has('cursor')) return undefined;
	const page = Number(params.get('page'));
	return Number.isInteger(page) && page >= 1 ? page : undefined;
}

/** The address of page `page`: the next link with its page number replaced, everything else as Harvest gave it. */
export function pageUrl(nextUrl: string, page: number): string {
	const url = new URL(nextUrl);
	url.searchParams.set('page', String(page));
	return url.toString();
}

/**
 * The last page a read needs after the first one: every page the list has, or fewer when the limit is reached
 * sooner. Undefined when the remaining pages cannot be read at once (cursor list, no total, or a next link that
 * is not page 2).
 */
export function lastPageToRead(next: string, envelope: IDataObject, perPage: number, limit: number): number | undefined {
	if (pageNumberOf(next) !== 2) return undefined;
	const total = count(envelope.total_pages);
	if (total === undefined || total < 2) return undefined;
	return Number.isFinite(limit) ? Math.min(total, Math.ceil(limit / perPage)) : total;
}
