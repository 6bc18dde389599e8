import { Rng } from './rng';

/** Fault injection settings; they apply to `/v2/*` requests only. */
export interface Faults {
	/** Base latency of every matching request (the network and Harvest's fixed cost). */
	latencyMs: number;
	jitterMs: number;
	/**
	 * Server time per record in the answer, added after the answer is built: a list page of n records waits
	 * n × perRecordMs more, any other answer 1 × (see README, "Latency model").
	 */
	perRecordMs: number;
	/** Share (0..1) of requests answered with one of `errorStatuses`. */
	errorRate: number;
	errorStatuses: number[];
	/** Share of connections destroyed without an answer. */
	resetRate: number;
	/** Share of requests never answered (until the client gives up). */
	timeoutRate: number;
	/** Share of requests processed but answered 200 with a truncated JSON body. */
	malformedRate: number;
	/** The next N matching requests get 429. */
	force429: number;
	/** Retry-After of forced 429s; default: 15 s scaled by timeScale. */
	retryAfterSeconds: number | null;
	retryAfterFormat: 'seconds' | 'http-date';
	/** Regular expression on the request path (e.g. `^/v2/time_entries`); null = every path. */
	onlyPaths: string | null;
	/** Methods to affect (e.g. ['GET']); null = all. */
	methods: string[] | null;
}

export const NO_FAULTS: Faults = {
	latencyMs: 0, jitterMs: 0, perRecordMs: 0, errorRate: 0, errorStatuses: [500, 502, 503], resetRate: 0, timeoutRate: 0,
	malformedRate: 0, force429: 0, retryAfterSeconds: null, retryAfterFormat: 'seconds', onlyPaths: null, methods: null,
};

export type FaultAction = 'reset' | 'timeout' | 'error' | 'force429' | 'malformed' | null;

export interface FaultDecision {
	delayMs: number;
	/** Server time per record of the answer (0 when the request is not affected). */
	perRecordMs: number;
	action: FaultAction;
	status?: number;
}

const RATES = ['errorRate', 'resetRate', 'timeoutRate', 'malformedRate'] as const;

/** Checks an admin request; returns the error text or null. */
export function validateFaults(input: unknown): string | null {
	if (!input || typeof input !== 'object' || Array.isArray(input)) return 'faults must be a JSON object';
	const f = input as Record<string, unknown>;
	const known = new Set(Object.keys(NO_FAULTS));
	for (const key of Object.keys(f)) if (!known.has(key)) return `unknown fault setting: ${key}`;
	for (const key of ['latencyMs', 'jitterMs', 'perRecordMs', 'force429'] as const) {
		if (f[key] !== undefined && (typeof f[key] !== 'number' || (f[key] as number) < 0)) return `${key} must be a number >= 0`;
	}
	for (const key of RATES) {
		if (f[key] !== undefined && (typeof f[key] !== 'number' || (f[key] as number) < 0 || (f[key] as number) > 1)) return `${key} must be between 0 and 1`;
	}
	const total = RATES.reduce((s, k) => s + ((f[k] as number | undefined) ?? 0), 0);
	if (total > 1) return 'errorRate + resetRate + timeoutRate + malformedRate must not exceed 1';
	if (f.errorStatuses !== undefined && (!Array.isArray(f.errorStatuses) || !f.errorStatuses.length || !f.errorStatuses.every((s) => Number.isInteger(s) && (s as number) >= 400 && (s as number) <= 599))) {
		return 'errorStatuses must be a non-empty list of HTTP error statuses';
	}
	if (f.retryAfterSeconds !== undefined && f.retryAfterSeconds !== null && (typeof f.retryAfterSeconds !== 'number' || f.retryAfterSeconds < 0)) return 'retryAfterSeconds must be a number >= 0';
	if (f.retryAfterFormat !== undefined && f.retryAfterFormat !== 'seconds' && f.retryAfterFormat !== 'http-date') return "retryAfterFormat must be 'seconds' or 'http-date'";
	if (f.onlyPaths !== undefined && f.onlyPaths !== null) {
		if (typeof f.onlyPaths !== 'string') return 'onlyPaths must be a regular expression string';
		try {
			new RegExp(f.onlyPaths);
		} catch {
			return 'onlyPaths is not a valid regular expression';
		}
	}
	if (f.methods !== undefined && f.methods !== null && (!Array.isArray(f.methods) || !f.methods.every((m) => typeof m === 'string'))) return 'methods must be a list of HTTP methods';
	return null;
}

/**
 * Decides, request by request, which fault (if any) to inject. Decisions come from a seeded
 * generator, so a run with the same seed and request sequence sees the same faults.
 */
export class FaultInjector {
	private current: Faults;
	private rng: Rng;
	private pathRe: RegExp | null = null;

	constructor(
		private baseline: Faults,
		private readonly seed: number,
	) {
		this.current = { ...baseline };
		this.rng = new Rng(seed ^ 0x5eed);
	}

	get(): Faults {
		return { ...this.current, errorStatuses: this.current.errorStatuses.slice(), methods: this.current.methods?.slice() ?? null };
	}

	/** Merges settings into the current ones (validate first with validateFaults). */
	set(partial: Partial<Faults>): void {
		this.current = { ...this.current, ...partial };
		this.pathRe = this.current.onlyPaths ? new RegExp(this.current.onlyPaths) : null;
		this.rng = new Rng(this.seed ^ 0x5eed);
	}

	/** Back to the start-up settings (CLI flags / options), dropping runtime changes. */
	clear(): void {
		this.current = { ...this.baseline };
		this.pathRe = this.current.onlyPaths ? new RegExp(this.current.onlyPaths) : null;
		this.rng = new Rng(this.seed ^ 0x5eed);
	}

	decide(method: string, path: string): FaultDecision {
		const f = this.current;
		if (f.methods && !f.methods.map((m) => m.toUpperCase()).includes(method)) return { delayMs: 0, perRecordMs: 0, action: null };
		if (this.pathRe && !this.pathRe.test(path)) return { delayMs: 0, perRecordMs: 0, action: null };
		const delayMs = f.latencyMs + (f.jitterMs > 0 ? this.rng.next() * f.jitterMs : 0);
		const perRecordMs = f.perRecordMs;
		if (f.force429 > 0) {
			f.force429--;
			return { delayMs, perRecordMs, action: 'force429' };
		}
		const roll = this.rng.next();
		let edge = f.resetRate;
		if (roll < edge) return { delayMs, perRecordMs, action: 'reset' };
		edge += f.timeoutRate;
		if (roll < edge) return { delayMs, perRecordMs, action: 'timeout' };
		edge += f.errorRate;
		if (roll < edge) return { delayMs, perRecordMs, action: 'error', status: f.errorStatuses[Math.floor(this.rng.next() * f.errorStatuses.length)] };
		edge += f.malformedRate;
		if (roll < edge) return { delayMs, perRecordMs, action: 'malformed' };
		return { delayMs, perRecordMs, action: null };
	}
}
