/**
 * Client-side rate governor. Harvest allows 100 requests per rolling 15 s per account, and 100 per rolling
 * 15 min for /reports. Counting our own requests keeps us under both, so Harvest's 429 stays rare; a 429 that
 * still arrives (another workflow or worker shares the account) closes the window until Retry-After passes.
 * Pure: the caller supplies the time and does the waiting.
 */

export interface WindowLimit {
	limit: number;
	windowMs: number;
}

export const GENERAL_LIMIT: WindowLimit = { limit: 100, windowMs: 15_000 };
export const REPORTS_LIMIT: WindowLimit = { limit: 100, windowMs: 15 * 60_000 };

/**
 * Requests arrive at Harvest later than we send them and latency varies, so a request sent just as an old one
 * leaves our window could still land inside Harvest's. The margin covers that jitter.
 */
export const WINDOW_MARGIN_MS = 500;

export class SlidingWindow {
	private readonly sent: number[] = [];
	private blockedUntil = 0;

	constructor(private readonly config: WindowLimit) {}

	/** Milliseconds to wait before a request may be sent at `now`; 0 means send now. */
	delayFor(now: number): number {
		this.forget(now);
		let wait = Math.max(0, this.blockedUntil - now);
		if (this.sent.length >= this.config.limit) {
			const oldestThatMustLeave = this.sent[this.sent.length - this.config.limit];
			wait = Math.max(wait, oldestThatMustLeave + this.config.windowMs + WINDOW_MARGIN_MS - now);
		}
		return wait;
	}

	/** Records a request sent at `now`. Call only when `delayFor(now)` is 0. */
	record(now: number): void {
		this.sent.push(now);
	}

	/** Harvest said 429: nothing goes out before `until`. */
	block(until: number): void {
		this.blockedUntil = Math.max(this.blockedUntil, until);
	}

	get inWindow(): number {
		return this.sent.length;
	}

	private forget(now: number): void {
		const horizon = now - this.config.windowMs - WINDOW_MARGIN_MS;
		let drop = 0;
		while (drop < this.sent.length && this.sent[drop] <= horizon) drop++;
		if (drop > 0) this.sent.splice(0, drop);
	}
}

export interface AccountBudget {
	general: SlidingWindow;
	reports: SlidingWindow;
	/**
	 * Harvest asked for a longer pause (Retry-After) than this node will wait: until then every request to the
	 * account fails at once and says so, instead of hanging for up to the cap.
	 */
	closedUntil: number;
}

/**
 * Reserves a send slot: waits (through the supplied clock) until the account's windows allow one more
 * request, then records it. Reports count against both windows, because Harvest's general limit covers every
 * request and the reports limit only /reports.
 */
export async function acquireSlot(
	budget: AccountBudget,
	isReport: boolean,
	clock: { now(): number; sleep(ms: number): Promise<void> },
): Promise<number> {
	let waited = 0;
	for (;;) {
		const now = clock.now();
		const windows = isReport ? [budget.general, budget.reports] : [budget.general];
		const delay = Math.max(...windows.map((w) => w.delayFor(now)));
		if (delay <= 0) {
			for (const w of windows) w.record(now);
			return waited;
		}
		await clock.sleep(delay);
		waited += delay;
	}
}

const budgets = new Map<string, AccountBudget>();

/** One budget per Harvest account (and API host) in this n8n worker. */
export function budgetFor(key: string): AccountBudget {
	let budget = budgets.get(key);
	if (!budget) {
		budget = { general: new SlidingWindow(GENERAL_LIMIT), reports: new SlidingWindow(REPORTS_LIMIT), closedUntil: 0 };
		budgets.set(key, budget);
	}
	return budget;
}

/** Tests start every case with fresh budgets. */
export function resetBudgets(): void {
	budgets.clear();
}
