/**
 * Rolling-window rate limits per account, like Harvest's: 100 requests per 15 s for the API
 * and 100 per 15 min for reports. `timeScale` shrinks the windows (and so the Retry-After
 * values) for fast tests and benchmarks. Time is the host's monotonic clock, not the
 * sandbox clock, so a clock offset never unblocks anyone.
 */
export type Bucket = 'general' | 'reports';

export const LIMITS: Record<Bucket, { requests: number; windowSeconds: number }> = {
	general: { requests: 100, windowSeconds: 15 },
	reports: { requests: 100, windowSeconds: 15 * 60 },
};

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

class Window {
	private readonly hits: number[] = [];
	private head = 0;

	take(now: number, limit: number, windowMs: number): TakeResult {
		while (this.head < this.hits.length && this.hits[this.head] <= now - windowMs) this.head++;
		if (this.head > 1024 && this.head * 2 > this.hits.length) {
			this.hits.splice(0, this.head);
			this.head = 0;
		}
		if (this.hits.length - this.head >= limit) {
			return { ok: false, retryAfterMs: Math.max(1, this.hits[this.head] + windowMs - now) };
		}
		this.hits.push(now);
		return { ok: true };
	}
}

export class RateLimiter {
	private windows = new Map<string, Window>();

	constructor(
		public enabled: boolean,
		public timeScale: number,
	) {}

	/** Counts a request against the account's bucket; a refused request is not counted. */
	take(accountId: number, bucket: Bucket, nowMs: number = performance.now()): TakeResult {
		if (!this.enabled) return { ok: true };
		const key = `${accountId}:${bucket}`;
		let w = this.windows.get(key);
		if (!w) this.windows.set(key, (w = new Window()));
		const { requests, windowSeconds } = LIMITS[bucket];
		return w.take(nowMs, requests, windowSeconds * 1000 * this.timeScale);
	}

	reset(): void {
		this.windows.clear();
	}
}

/** Retry-After as Harvest sends it: whole seconds, rounded up, at least 1. */
export function retryAfterSeconds(ms: number): number {
	return Math.max(1, Math.ceil(ms / 1000));
}
