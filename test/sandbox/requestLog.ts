import type { LoggedRequestBase } from '../helpers/requestLog';

/** One API or Harvest ID request as recorded for tests and benchmarks (never any secret). */
export interface RequestLogEntry extends LoggedRequestBase {
	/** Server-clock time the request arrived (the sandbox's clock, offset included), ISO 8601. */
	time: string;
	/** 0 when no response was sent (reset or timeout fault). */
	status: number;
	accountId: number | null;
	durationMs: number;
	/** Injected fault, if any: reset | timeout | error | force429 | malformed. */
	fault: string | null;
	/** Client links only: whether the request carried a credential (Authorization header or access_token), which they never need. */
	credentials?: boolean;
}
