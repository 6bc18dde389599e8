/** One API or Harvest ID request as recorded for tests and benchmarks (never any secret). */
export interface RequestLogEntry {
	seq: number;
	/** Server-clock time the request arrived, ISO 8601. */
	time: string;
	method: string;
	path: string;
	/** Query parameters without credentials (access_token and OAuth secrets are removed). */
	query: Record<string, string>;
	/** 0 when no response was sent (reset or timeout fault). */
	status: number;
	accountId: number | null;
	durationMs: number;
	/** Size of the request body. */
	bodyBytes: number;
	/** Injected fault, if any: reset | timeout | error | force429 | malformed. */
	fault: string | null;
	/** Client links only: whether the request carried a credential (Authorization header or access_token), which they never need. */
	credentials?: boolean;
}

const SECRET_PARAMS = new Set(['access_token', 'refresh_token', 'client_secret', 'code', 'password']);

export function safeQuery(params: URLSearchParams): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of params) if (!SECRET_PARAMS.has(k.toLowerCase())) out[k] = v;
	return out;
}

/** Ring buffer of the most recent requests. */
export class RequestLog {
	private entries: RequestLogEntry[] = [];
	private seq = 0;

	constructor(private readonly capacity = 100_000) {}

	add(entry: Omit<RequestLogEntry, 'seq'>): void {
		this.entries.push({ seq: ++this.seq, ...entry });
		// Trim in batches so that a full log costs O(1) per request on average.
		if (this.entries.length > this.capacity * 1.25) this.entries.splice(0, this.entries.length - this.capacity);
	}

	list(): RequestLogEntry[] {
		return this.entries.slice(-this.capacity).map((e) => ({ ...e, query: { ...e.query } }));
	}

	clear(): void {
		this.entries = [];
	}
}
