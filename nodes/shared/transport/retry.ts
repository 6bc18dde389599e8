/**
 * When to try a request again. Reads are idempotent, so a GET is retried after server errors, resets and
 * timeouts. A write is retried only after 429, because Harvest did not process a throttled request; after a
 * 5xx or a lost connection the write may have been applied, and sending it again could create a duplicate.
 */

export type FailureKind = 'status' | 'network' | 'timeout' | 'malformed';

export interface Failure {
	kind: FailureKind;
	status?: number;
	/** Retry-After from a 429, already converted to milliseconds. */
	retryAfterMs?: number;
	/** What the socket reported (code and message), so the user sees the real cause. */
	detail?: string;
}

export const MAX_ATTEMPTS = 5;
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 10_000;
/** Longest Retry-After we are willing to sit through; the reports window is 15 minutes. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;
/** Used when a 429 arrives without a usable Retry-After. */
export const DEFAULT_RETRY_AFTER_MS = 15_000;

export type RetryDecision = { retry: false } | { retry: true; delayMs: number; throttled: boolean };

export function isRetryableFailure(method: string, failure: Failure): boolean {
	if (failure.kind === 'status' && failure.status === 429) return true;
	if (method !== 'GET') return false;
	if (failure.kind === 'status') return (failure.status ?? 0) >= 500;
	return true;
}

/**
 * `attempt` counts from 1 (the attempt that just failed). `random` in [0, 1) gives the jitter, so tests can
 * pin it.
 */
export function decideRetry(method: string, failure: Failure, attempt: number, random: number): RetryDecision {
	if (attempt >= MAX_ATTEMPTS || !isRetryableFailure(method, failure)) return { retry: false };
	if (failure.kind === 'status' && failure.status === 429) {
		const wait = failure.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
		if (wait > MAX_RETRY_AFTER_MS) return { retry: false };
		return { retry: true, delayMs: wait, throttled: true };
	}
	// Full jitter: spreads the retries of many workers that failed together.
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
	return { retry: true, delayMs: Math.round(ceiling * (0.5 + random / 2)), throttled: false };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** The three HTTP-date forms of RFC 9110 §5.6.7: IMF-fixdate, RFC 850, asctime. Nothing looser. */
const HTTP_DATES: Array<{ pattern: RegExp; parts: (m: RegExpExecArray) => [number, string, number, string, string, string] }> = [
	{ pattern: new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`), parts: (m) => [Number(m[3]), m[2], Number(m[1]), m[4], m[5], m[6]] },
	{
		pattern: new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`),
		// Two-digit years: 70-99 are 19xx, 00-69 are 20xx (RFC 9110 asks for the nearest century; this is its usual reading).
		parts: (m) => [Number(m[3]) + (Number(m[3]) >= 70 ? 1900 : 2000), m[2], Number(m[1]), m[4], m[5], m[6]],
	},
	{ pattern: new RegExp(`^${DAY} ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`), parts: (m) => [Number(m[6]), m[1], Number(m[2]), m[3], m[4], m[5]] },
];

/** An HTTP-date as epoch milliseconds, or undefined when the text is not one (or names no real time). */
export function parseHttpDate(text: string): number | undefined {
	for (const { pattern, parts } of HTTP_DATES) {
		const match = pattern.exec(text);
		if (!match) continue;
		const [year, month, day, hh, mm, ss] = parts(match);
		const monthIndex = MONTHS.indexOf(month);
		const time = Date.UTC(year, monthIndex, day, Number(hh), Number(mm), Number(ss));
		const back = new Date(time);
		// Date.UTC rolls 31 Feb over into March; a real calendar value reads back the same.
		if (back.getUTCDate() !== day || back.getUTCMonth() !== monthIndex || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) {
			return undefined;
		}
		return time;
	}
	return undefined;
}

/**
 * Retry-After is either delta-seconds (a non-negative decimal integer; fractions are tolerated) or an HTTP-date;
 * anything else (`-5`, `12 Oct`, `5, 10`) is not understood and gets the default wait from the caller.
 */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
	if (Array.isArray(value)) value = value[0];
	if (typeof value === 'number') value = String(value);
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
	const date = parseHttpDate(text);
	if (date === undefined) return undefined;
	return Math.max(0, date - now);
}
