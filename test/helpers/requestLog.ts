/**
 * What the local fakes (the Harvest sandbox, the counterparts' stand-ins) keep of the requests they answered, for
 * tests and benchmarks to read: the most recent entries, with secret query parameters left out.
 */

/** Query parameters that carry a credential or a grant in one of the faked APIs; never logged. */
export const SECRET_PARAMS: ReadonlySet<string> = new Set([
	'access_token',
	'refresh_token',
	'client_secret',
	'code',
	'password',
	// Bitrix24's and Upsales' tokens in the query.
	'auth',
	'token',
]);

/** The query as a plain object, without the parameters in SECRET_PARAMS (names compared case-insensitively). */
export function safeQuery(params: URLSearchParams): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of params) if (!SECRET_PARAMS.has(key.toLowerCase())) out[key] = value;
	return out;
}

/** What every fake logs of a request; each adds its own fields. */
export interface LoggedRequestBase {
	/** Arrival order, from 1. */
	seq: number;
	/** When the request arrived, ISO 8601. */
	time: string;
	method: string;
	path: string;
	/** Query parameters without the secret ones (`safeQuery`). */
	query: Record<string, string>;
	/** Status of the answer. */
	status: number;
	/** Size of the request body. */
	bodyBytes: number;
}

/** Ring buffer of the `capacity` most recent requests, numbered in arrival order from 1. */
export class RequestLog<Entry extends LoggedRequestBase> {
	private entries: Entry[] = [];
	private seq = 0;

	constructor(private readonly capacity: number) {}

	add(entry: Omit<Entry, 'seq'>): void {
		this.entries.push({ seq: ++this.seq, ...entry } as Entry);
		// Trim in batches so that a full log costs O(1) per request on average.
		if (this.entries.length > this.capacity * 1.25) this.entries.splice(0, this.entries.length - this.capacity);
	}

	/** Copies, oldest first, so a reader cannot change the log. */
	list(): Entry[] {
		return this.entries.slice(-this.capacity).map((e) => ({ ...e, query: { ...e.query } }));
	}

	clear(): void {
		this.entries = [];
	}
}
