/** Start-up options of the sandbox (all optional). */
export interface SandboxOptions {
	/** TCP port; 0 (default) picks a free one. */
	port?: number;
	/** Interface to listen on (default 127.0.0.1). */
	host?: string;
	/** Seed of the data generator (default 42): the same seed gives the same data. */
	seed?: number;
	/** Number of time entries in the first account (default 1000); other data scales with it. */
	records?: number;
	/** Overrides `records` for the number of time entries. */
	timeEntries?: number;
	/** Added to every /v2 response (a fault baseline; `faults.clear()` returns to it). */
	latencyMs?: number;
	jitterMs?: number;
	/** Server time per record in a /v2 answer (a list page of n records: n × this), after `latencyMs`. */
	perRecordMs?: number;
	/** Multiplies every rate-limit window and Retry-After (default 1; 0.01 makes 15 s into 150 ms). */
	timeScale?: number;
	/** Enforce Harvest's rate limits (default true). */
	rateLimits?: boolean;
	/** Server clock = host clock + offset (seconds); used for timestamps and the Date header. */
	clockOffsetSeconds?: number;
	/** Lifetime of OAuth access tokens in seconds (default 3600; not scaled by timeScale). */
	accessTokenTtlSeconds?: number;
	/** Fault baselines (shares 0..1), as the CLI flags --error-rate etc. */
	errorRate?: number;
	resetRate?: number;
	timeoutRate?: number;
	malformedRate?: number;
	/** Fixed personal access token instead of a random one. */
	token?: string;
	/** OAuth application credentials (random when omitted). */
	oauth?: { clientId?: string; clientSecret?: string; redirectUri?: string };
	/** "Today" of the generated data, YYYY-MM-DD (default: the server clock's date). */
	anchorDate?: string;
}

export interface ResolvedOptions {
	port: number;
	host: string;
	seed: number;
	timeEntries: number;
	latencyMs: number;
	jitterMs: number;
	perRecordMs: number;
	timeScale: number;
	rateLimits: boolean;
	clockOffsetSeconds: number;
	accessTokenTtlSeconds: number;
	errorRate: number;
	resetRate: number;
	timeoutRate: number;
	malformedRate: number;
	token: string | null;
	oauth: { clientId: string | null; clientSecret: string | null; redirectUri: string | null };
	anchorDate: string | null;
}

function num(value: number | undefined, fallback: number, name: string, min = 0): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min) throw new Error(`sandbox option ${name} must be a number >= ${min}`);
	return value;
}

export function resolveOptions(o: SandboxOptions = {}): ResolvedOptions {
	const timeScale = num(o.timeScale, 1, 'timeScale');
	if (timeScale <= 0) throw new Error('sandbox option timeScale must be greater than 0');
	if (o.anchorDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.anchorDate)) throw new Error('sandbox option anchorDate must be YYYY-MM-DD');
	return {
		port: num(o.port, 0, 'port'),
		host: o.host ?? '127.0.0.1',
		seed: Math.floor(num(o.seed, 42, 'seed', -Infinity)),
		timeEntries: Math.floor(num(o.timeEntries ?? o.records, 1000, 'records')),
		latencyMs: num(o.latencyMs, 0, 'latencyMs'),
		jitterMs: num(o.jitterMs, 0, 'jitterMs'),
		perRecordMs: num(o.perRecordMs, 0, 'perRecordMs'),
		timeScale,
		rateLimits: o.rateLimits ?? true,
		clockOffsetSeconds: num(o.clockOffsetSeconds, 0, 'clockOffsetSeconds', -Infinity),
		accessTokenTtlSeconds: num(o.accessTokenTtlSeconds, 3600, 'accessTokenTtlSeconds', 1),
		errorRate: num(o.errorRate, 0, 'errorRate'),
		resetRate: num(o.resetRate, 0, 'resetRate'),
		timeoutRate: num(o.timeoutRate, 0, 'timeoutRate'),
		malformedRate: num(o.malformedRate, 0, 'malformedRate'),
		token: o.token ?? null,
		oauth: { clientId: o.oauth?.clientId ?? null, clientSecret: o.oauth?.clientSecret ?? null, redirectUri: o.oauth?.redirectUri ?? null },
		anchorDate: o.anchorDate ?? null,
	};
}
