/** One API or Harvest ID request as recorded for tests and benchmarks (never any secret). */
export interface RequestLogEntry {
	seq: number;
	/** Server-clock time the request arrived, ISO 8601. */
	time: string;
	method: string;
	path: string;
	/** Query parameters without credentials (`safeQuery` in test/helpers/requestLog.ts). */
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

