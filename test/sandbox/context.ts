import { notFound } from './errors';
import type { Fields } from './fields';
import type { Row } from './model';
import type { UploadedFile } from './multipart';
import { paginate, type PaginationKind } from './pagination';
import type { PresentContext } from './present';
import type { Query } from './query';
import type { AccountStore } from './store';
import type { Table } from './table';

/** Everything a route handler gets for one request. */
export interface ApiContext {
	store: AccountStore;
	method: string;
	/** Full request path, e.g. `/v2/clients/42`. */
	path: string;
	/** Numeric path parameters by placeholder name (`clientId`…). */
	params: Record<string, number>;
	query: Query;
	body: Fields;
	files: Record<string, UploadedFile>;
	origin: string;
	/** Server clock, epoch seconds, fixed for the request. */
	now: number;
	pc: PresentContext;
}

export interface ApiResult {
	status: number;
	/** Omitted for the empty 200 of DELETE. */
	body?: unknown;
}

export type Handler = (ctx: ApiContext) => ApiResult;

export const ok = (body: unknown): ApiResult => ({ status: 200, body });
export const created = (body: unknown): ApiResult => ({ status: 201, body });
export const emptyOk = (): ApiResult => ({ status: 200 });

/** The row with this id, or a 404. */
export function must<T extends Row>(table: Table<T>, id: number | undefined): T {
	const row = id === undefined ? undefined : table.get(id);
	if (!row) throw notFound();
	return row;
}

export type Predicate<T> = ((row: T) => boolean) | null | undefined;

export function allOf<T>(predicates: ReadonlyArray<Predicate<T>>): ((row: T) => boolean) | null {
	const active = predicates.filter((p): p is (row: T) => boolean => typeof p === 'function');
	if (active.length === 0) return null;
	if (active.length === 1) return active[0];
	return (row) => active.every((p) => p(row));
}

export interface ListOptions<T extends Row> {
	key: string;
	kind: PaginationKind;
	filters: ReadonlyArray<Predicate<T>>;
	present: (pc: PresentContext, row: T) => unknown;
	defaultPerPage?: number;
}

/** Filters a table (cached per account version), then pages it in the table's list order. */
export function listOf<T extends Row>(ctx: ApiContext, table: Table<T>, opts: ListOptions<T>): ApiResult {
	const predicate = allOf(opts.filters);
	const filterKey = Array.from(ctx.query.params)
		.filter(([k]) => !['page', 'per_page', 'cursor', 'ref', 'access_token', 'account_id'].includes(k))
		.sort()
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
	const rows = ctx.store.cachedList(table, `${ctx.path}?${filterKey}`, predicate);
	return ok(
		paginate(ctx, {
			key: opts.key,
			kind: opts.kind,
			rows,
			spec: table.spec,
			present: (row) => opts.present(ctx.pc, row),
			defaultPerPage: opts.defaultPerPage,
		}),
	);
}
