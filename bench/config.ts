// The benchmark's fixed inputs, in one place so the README, the table and the code agree.
export const BENCH = {
	/** Added by the sandbox to every /v2 response, for both nodes. */
	latencyMs: 50,
	/**
	 * 1 = Harvest's real windows (100 per 15 s; reports 100 per 15 min). Our transport's governor counts the
	 * real windows and cannot be rescaled, so a shorter sandbox window would not be a fair comparison.
	 */
	timeScale: 1,
	seed: 42,
	timeEntries: 20_000,
	clients: 5_000,
	creates: 1_000,
	triggerChanges: 5_000,
	/** Harvest's largest page. */
	maxPerPage: 2000,
	/** Harvest's general limit. */
	window: { requests: 100, ms: 15_000 },
	/** Our governor waits this long past each window edge (nodes/shared/transport/governor.ts). */
	governorMarginMs: 500,
	/** Each listing runs this often in fresh n8n processes; the run with the median wall time is reported. */
	listRepeats: 5,
	/** Fresh processes timed for each node's load time, the two nodes taking turns; the median is reported. */
	requireRuns: 5,
	/**
	 * The latency model of the "latency model" listings (test/sandbox/README.md): each request waits a base
	 * latency, then server time per record on its page, so a page of 2,000 time entries takes about 1.1 s. An
	 * assumption, not a measurement: no published figures of Harvest's response times were found.
	 */
	model: { latencyMs: 100, perRecordMs: 0.5 },
	/** Time entries listed under the latency model: the 20,000 of the main sandbox, and a sandbox of 100,000. */
	modelEntries: [20_000, 100_000],
	/**
	 * Runs of each variant under the latency model; the median is reported. The built-in node runs once: at 100
	 * records a page it needs 1,000 requests for 100,000 entries, several minutes that vary little between runs.
	 */
	modelRepeats: { ours: 3, builtin: 1 },
} as const;

/** ceil(n / 2000), with at least one request for an empty list. */
export function pagesFor(records: number): number {
	return Math.max(1, Math.ceil(records / BENCH.maxPerPage));
}

/**
 * The rate-limit floor for n writes: n / 100 windows of 15 s each (1,000 creates → 150 s). Strictly the last
 * window need not be waited out, so a client can finish slightly under it; the target allows 10 % over it.
 */
export function floorMsFor(requests: number): number {
	return (requests / BENCH.window.requests) * BENCH.window.ms;
}
