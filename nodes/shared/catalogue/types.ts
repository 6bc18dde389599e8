export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** How a list endpoint pages. Both are walked the same way (follow `links.next`); the kind matters for docs and tests. */
export type PaginationKind = 'cursor' | 'page';

export type FilterType = 'boolean' | 'id' | 'date' | 'dateTime' | 'string' | 'options';

export interface FilterSpec {
	type: FilterType;
	/** Allowed values for `options` filters. */
	values?: readonly string[];
}

export interface ListSpec {
	/** Property of the response envelope that holds the records. */
	key: string;
	pagination: PaginationKind;
	/** Query filters Harvest documents for this list (besides page, cursor and per_page). */
	filters: readonly string[];
	/** Filters Harvest requires on every call. */
	requiredFilters?: readonly string[];
	/** Harvest's fixed order for the list, as documented. */
	order: string;
}

export interface EndpointSpec {
	method: HttpMethod;
	/** Path below the API base (`…/v2`), with `{name}` placeholders. */
	path: string;
	group: string;
	summary: string;
	list?: ListSpec;
	/** Counts against the separate reports budget (100 requests per 15 minutes). */
	reports?: boolean;
	/** A report's rows: the field that identifies a row (with its currency) and the figures that add up over time. */
	reportRows?: ReportRows;
}

export interface ReportRows {
	key: string;
	sums: readonly string[];
}

/** `'GET /clients/{clientId}'` — the method and path identify an endpoint. */
export type EndpointKey = `${HttpMethod} /${string}`;
