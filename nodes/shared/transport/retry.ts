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

/** Retry-After is either delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
	if (Array.isArray(value)) value = value[0];
	if (typeof value === 'number') value = String(value);
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}
