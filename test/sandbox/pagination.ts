import { unprocessable } from './errors';
import type { Query } from './query';
import { firstAfter, type KeyPart, type SortKey, type SortSpec } from './table';

export type PaginationKind = 'cursor' | 'page';

export const MAX_PER_PAGE = 2000;

/** Query parameters that drive paging and are never carried over as filters. */
const PAGING_PARAMS = new Set(['page', 'per_page', 'cursor', 'ref', 'access_token', 'account_id']);

export interface PageTarget {
	query: Query;
	/** Absolute origin of the request, e.g. `http://127.0.0.1:5555`. */
	origin: string;
	/** Full request path, e.g. `/v2/clients`. */
	path: string;
}

export interface PaginateOptions<T> {
	key: string;
	kind: PaginationKind;
	rows: readonly T[];
	/** The order of `rows`; required for cursor lists (the cursor is a keyset position). */
	spec?: SortSpec<T>;
	present(row: T): unknown;
	defaultPerPage?: number;
}

export function encodeCursor(names: readonly string[], key: SortKey): string {
	const after: Record<string, KeyPart> = {};
	names.forEach((n, i) => {
		after[n] = key[i];
	});
	return Buffer.from(JSON.stringify({ after })).toString('base64');
}

export function decodeCursor(text: string, names: readonly string[], sample: SortKey | null): SortKey {
	let parsed: unknown;
	try {
		parsed = JSON.parse(Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
	} catch {
		throw unprocessable('Invalid cursor');
	}
	const after = (parsed as { after?: Record<string, unknown> } | null)?.after;
	if (!after || typeof after !== 'object') throw unprocessable('Invalid cursor');
	return names.map((n, i) => {
		const v = after[n];
		const expected = sample ? typeof sample[i] : null;
		if ((typeof v !== 'string' && typeof v !== 'number') || (expected !== null && typeof v !== expected)) throw unprocessable('Invalid cursor');
		return v as KeyPart;
	});
}

function perPageOf(query: Query, fallback: number): number {
	const raw = query.str('per_page');
	if (raw === undefined) return fallback;
	const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isInteger(n) || n < 1 || n > MAX_PER_PAGE) {
		throw unprocessable(`per_page must be an integer between 1 and ${MAX_PER_PAGE}`);
	}
	return n;
}

/** Builds the list envelope of Harvest: records, counters and the `links` block. */
export function paginate<T>(target: PageTarget, opts: PaginateOptions<T>): Record<string, unknown> {
	const { query } = target;
	const perPage = perPageOf(query, opts.defaultPerPage ?? MAX_PER_PAGE);
	const total = opts.rows.length;
	const totalPages = Math.max(1, Math.ceil(total / perPage));
	const cursorText = opts.kind === 'cursor' ? query.str('cursor') : undefined;

	let start: number;
	let page: number | null;
	let nextPage: number | null;
	let previousPage: number | null;
	let isLast: boolean;
	let positionPage: number;
	if (cursorText !== undefined && opts.spec) {
		const sample = opts.rows.length ? opts.spec.key(opts.rows[0]) : null;
		const key = decodeCursor(cursorText, opts.spec.names, sample);
		start = firstAfter(opts.rows, key, opts.spec);
		isLast = start + perPage >= total;
		positionPage = Math.floor(start / perPage) + 1;
		// Harvest leaves the page counters empty on the pages reached through a cursor,
		// except on the last one.
		page = isLast ? totalPages : null;
		nextPage = null;
		previousPage = isLast && totalPages > 1 ? totalPages - 1 : null;
	} else {
		const raw = query.str('page');
		const p = raw === undefined ? 1 : /^\d+$/.test(raw) ? Number(raw) : NaN;
		if (!Number.isInteger(p) || p < 1) throw unprocessable('page must be a positive integer');
		page = p;
		positionPage = p;
		start = (p - 1) * perPage;
		isLast = p >= totalPages;
		nextPage = p < totalPages ? p + 1 : null;
		previousPage = p > 1 ? p - 1 : null;
	}
	const slice = opts.rows.slice(start, start + perPage);

	const filters: Array<[string, string]> = [];
	for (const [k, v] of query.params) if (!PAGING_PARAMS.has(k)) filters.push([k, v]);
	const link = (extra: Record<string, string | number>) => {
		const all = filters.concat(Object.entries(extra).map(([k, v]) => [k, String(v)] as [string, string]));
		all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
		return `${target.origin}${target.path}?${all.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
	};

	let links: Record<string, string | null>;
	if (opts.kind === 'cursor' && opts.spec) {
		const spec = opts.spec;
		const last = slice[slice.length - 1];
		links = {
			first: link({ page: 1, per_page: perPage, ref: 'first' }),
			next: !isLast && last !== undefined ? link({ cursor: encodeCursor(spec.names, spec.key(last)), per_page: perPage, ref: 'next_cursor' }) : null,
			previous: positionPage > 1 ? link({ page: Math.min(positionPage - 1, totalPages), per_page: perPage, ref: 'previous' }) : null,
			last: link({ page: totalPages, per_page: perPage, ref: 'last' }),
		};
	} else {
		links = {
			first: link({ page: 1, per_page: perPage }),
			next: nextPage !== null ? link({ page: nextPage, per_page: perPage }) : null,
			previous: previousPage !== null ? link({ page: previousPage, per_page: perPage }) : null,
			last: link({ page: totalPages, per_page: perPage }),
		};
	}

	return {
		[opts.key]: slice.map((row) => opts.present(row)),
		per_page: perPage,
		total_pages: totalPages,
		total_entries: total,
		next_page: nextPage,
		previous_page: previousPage,
		page,
		links,
	};
}
