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

/** The smallest share a process keeps after 429s, so it is never starved while others take the account. */
export const MIN_SHARE = 10;
/** Windows without a 429 before a share grows; then it doubles (by SHARE_STEP at least) every window. */
export const QUIET_WINDOWS = 2;
export const SHARE_STEP = 10;

export class SlidingWindow {
	private readonly sent: number[] = [];
	private blockedUntil = 0;
	/** Requests per window this process may send after its last 429: the whole limit until a 429 shows others use the account too. */
	private base: number;
	/** When the last 429 set `base`. */
	private capSince = 0;

	constructor(private readonly config: WindowLimit) {
		this.base = config.limit;
	}

	/** Milliseconds to wait before a request may be sent at `now`; 0 means send now. */
	delayFor(now: number): number {
		this.forget(now);
		const cap = this.share(now);
		let wait = Math.max(0, this.blockedUntil - now);
		if (this.sent.length >= cap) {
			const oldestThatMustLeave = this.sent[this.sent.length - cap];
			wait = Math.max(wait, oldestThatMustLeave + this.config.windowMs + WINDOW_MARGIN_MS - now);
		}
		return wait;
	}

	/** This process's cap at `now`, after growing back for the quiet windows since it last changed. */
	share(now: number): number {
		if (this.base >= this.config.limit) return this.config.limit;
		const period = this.config.windowMs + WINDOW_MARGIN_MS;
		const quiet = Math.floor((now - this.capSince) / period);
		let cap = this.base;
		for (let i = QUIET_WINDOWS; i <= quiet && cap < this.config.limit; i++) cap = Math.max(cap + SHARE_STEP, cap * 2);
		return Math.min(this.config.limit, cap);
	}

	/**
	 * Harvest refused the request sent at `sentAt` (429): it is not counted (Harvest's window holds the accepted ones;
	 * if Harvest counts refusals too, the next 429 corrects the share), and the cap becomes what this process still
	 * has in Harvest's window, since that window is full now.
	 */
	refused(sentAt: number, now: number): void {
		// Its slot was recorded at, or a moment before, `sentAt`; any slot of that moment counts the same.
		let index = this.sent.length - 1;
		while (index >= 0 && this.sent[index] > sentAt) index--;
		if (index >= 0) this.sent.splice(index, 1);
		this.forget(now);
		const inHarvestWindow = this.sent.filter((t) => t > now - this.config.windowMs).length;
		this.base = Math.max(MIN_SHARE, Math.min(this.share(now), inHarvestWindow));
		this.capSince = now;
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
 * Harvest answered 429 to a request sent at `sentAt`: nothing more goes to the account before `until`, and the
 * window that refused shrinks to this process's share. A refused report most likely met the reports limit (100 per
 * 15 min), so only that window's share shrinks; both windows wait.
 */
export function throttled(budget: AccountBudget, isReport: boolean, sentAt: number, now: number, until: number): void {
	(isReport ? budget.reports : budget.general).refused(sentAt, now);
	budget.general.block(until);
	if (isReport) budget.reports.block(until);
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
