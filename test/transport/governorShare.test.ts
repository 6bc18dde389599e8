/**
 * Several n8n processes (queue-mode workers) on one Harvest account, each with its own governor and nothing
 * shared: simulated on a virtual clock against a model of Harvest's rolling window (100 accepted requests per
 * 15 s; a refused request is not counted; Retry-After in whole seconds, rounded up), with the same reaction to a
 * 429 as the transport's send loop (`throttled`, then the request waits in the governor and is sent again).
 * The processes must together stay near the rate-limit floor with few 429s, and a process left alone must win
 * the whole limit back.
 */
import {
	acquireSlot,
	budgetFor,
	GENERAL_LIMIT,
	MIN_SHARE,
	REPORTS_LIMIT,
	QUIET_WINDOWS,
	resetBudgets,
	SHARE_STEP,
	SlidingWindow,
	WINDOW_MARGIN_MS,
	throttled,
	type AccountBudget,
} from '../../nodes/shared/transport/governor';
import { MAX_ATTEMPTS } from '../../nodes/shared/transport/retry';
import { Prng } from '../trigger/prng';

/** Discrete-event time: sleepers wake in time order; nothing waits in real time. */
class VirtualTime {
	now = 0;
	private timers: Array<{ at: number; seq: number; wake: () => void }> = [];
	private seq = 0;

	sleep(ms: number): Promise<void> {
		return new Promise((wake) => this.timers.push({ at: this.now + Math.max(0, ms), seq: this.seq++, wake }));
	}

	/** Runs until every task has finished. */
	async run(tasks: Array<Promise<void>>): Promise<void> {
		let done = false;
		const all = Promise.all(tasks).then(() => {
			done = true;
		});
		while (!done) {
			// Let every woken task run up to its next sleep.
			for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
			if (done || !this.timers.length) break;
			this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
			const next = this.timers.shift()!;
			this.now = next.at;
			next.wake();
		}
		await all;
	}
}

/** Harvest's rolling window for one account, as the sandbox models it. */
class HarvestAccount {
	private accepted: number[] = [];
	requests = 0;
	refused = 0;

	take(now: number): { ok: true } | { ok: false; retryAfterMs: number } {
		this.requests++;
		this.accepted = this.accepted.filter((t) => t > now - GENERAL_LIMIT.windowMs);
		if (this.accepted.length >= GENERAL_LIMIT.limit) {
			this.refused++;
			const ms = this.accepted[0] + GENERAL_LIMIT.windowMs - now;
			return { ok: false, retryAfterMs: Math.max(1, Math.ceil(ms / 1000)) * 1000 };
		}
		this.accepted.push(now);
		return { ok: true };
	}
}

interface Job {
	/** Which process (worker) runs it: processes share nothing but the account. */
	process: string;
	items: number;
	/** Virtual ms before the job starts. */
	startAt?: number;
}

interface Outcome {
	wallMs: number;
	requests: number;
	refused: number;
	failed: number;
	finishedAt: number[];
	budgets: Map<string, AccountBudget>;
}

/** Runs the jobs (each item one request, sequential within a job) and returns what Harvest saw. */
async function simulate(jobs: Job[], seed: number): Promise<Outcome> {
	const time = new VirtualTime();
	const harvest = new HarvestAccount();
	const rng = new Prng(seed);
	const clock = { now: () => time.now, sleep: (ms: number) => time.sleep(ms) };
	const budgets = new Map<string, AccountBudget>();
	const finishedAt: number[] = [];
	let failed = 0;
	const runJob = async (job: Job, index: number) => {
		if (job.startAt) await time.sleep(job.startAt);
		// Each process has its own budget, as each worker has its own module state.
		const budget = budgetFor(`process ${job.process}`);
		budgets.set(job.process, budget);
		for (let item = 0; item < job.items; item++) {
			for (let attempt = 1; ; attempt++) {
				await acquireSlot(budget, false, clock);
				const sentAt = time.now;
				const latency = 30 + rng.int(0, 60);
				await time.sleep(latency / 2);
				const answer = harvest.take(time.now);
				await time.sleep(latency / 2);
				if (answer.ok) break;
				throttled(budget, false, sentAt, time.now, time.now + answer.retryAfterMs);
				if (attempt >= MAX_ATTEMPTS) {
					failed++;
					break;
				}
			}
		}
		finishedAt[index] = time.now;
	};
	await time.run(jobs.map(runJob));
	return { wallMs: Math.max(...finishedAt), requests: harvest.requests, refused: harvest.refused, failed, finishedAt, budgets };
}

/** Records one request in the windows a real send would use (reports count in both). */
function acquireSlotNow(budget: AccountBudget, isReport: boolean, now: number): void {
	budget.general.record(now);
	if (isReport) budget.reports.record(now);
}

/** The fastest N requests can go: N / 100 windows of 15 s. */
const floorMs = (requests: number) => (requests / GENERAL_LIMIT.limit) * GENERAL_LIMIT.windowMs;

beforeEach(() => resetBudgets());

describe('one window’s share', () => {
	const period = GENERAL_LIMIT.windowMs + WINDOW_MARGIN_MS;

	it('a 429 drops the refused slot and caps the window at what is still in Harvest’s 15 s', () => {
		const window = new SlidingWindow(GENERAL_LIMIT);
		for (let t = 0; t < 40; t++) window.record(t * 500);
		// At 20 s, Harvest's 15 s hold the sends after 5 s: 5.5 … 19.5 s, 29 of them, the last one refused.
		window.refused(19_500, 20_000);
		expect(window.share(20_000)).toBe(28);
		// Our own window (15.5 s) still holds 5.0 … 19.0 s, 29 sends: the next may go once the second oldest leaves it.
		expect(window.delayFor(20_000)).toBe(5_500 + period - 20_000);
	});

	it('never below MIN_SHARE, and grows back only after QUIET_WINDOWS windows without a 429, doubling', () => {
		const window = new SlidingWindow(GENERAL_LIMIT);
		window.record(0);
		window.refused(0, 100);
		expect(window.share(100)).toBe(MIN_SHARE);
		expect(window.share(100 + QUIET_WINDOWS * period - 1)).toBe(MIN_SHARE);
		expect(window.share(100 + QUIET_WINDOWS * period)).toBe(Math.max(MIN_SHARE + SHARE_STEP, MIN_SHARE * 2));
		expect(window.share(100 + (QUIET_WINDOWS + 1) * period)).toBe(Math.max(MIN_SHARE + 2 * SHARE_STEP, MIN_SHARE * 4));
		expect(window.share(100 + 20 * period)).toBe(GENERAL_LIMIT.limit);
	});

	it('a refused report shrinks the reports window only; both windows wait for Retry-After', () => {
		const budget = budgetFor('reports account');
		for (let i = 0; i < 20; i++) acquireSlotNow(budget, true, i);
		throttled(budget, true, 19, 30, 5_030);
		expect(budget.reports.share(30)).toBe(19);
		expect(budget.general.share(30)).toBe(GENERAL_LIMIT.limit);
		expect(budget.general.delayFor(30)).toBe(5_000);
		// The reports window holds its 19 accepted reports, its whole share now: the next waits for the oldest to leave.
		expect(budget.reports.delayFor(30)).toBe(REPORTS_LIMIT.windowMs + WINDOW_MARGIN_MS - 30);
	});
});

describe('processes sharing one account through 429s alone', () => {
	it('3 × 400 creates on two workers (2 jobs + 1): within 1.15 × the floor, 429s at most 2 % of requests', async () => {
		for (const seed of [1, 2, 3]) {
			resetBudgets();
			const outcome = await simulate(
				[
					{ process: 'A', items: 400 },
					{ process: 'A', items: 400 },
					{ process: 'B', items: 400 },
				],
				seed,
			);
			expect(outcome.failed).toBe(0);
			expect(outcome.wallMs / floorMs(1200)).toBeLessThanOrEqual(1.15);
			expect(outcome.refused / outcome.requests).toBeLessThanOrEqual(0.02);
		}
	});

	it('three workers with one job each stay within the same bounds', async () => {
		const outcome = await simulate(
			[
				{ process: 'A', items: 300 },
				{ process: 'B', items: 300 },
				{ process: 'C', items: 300 },
			],
			7,
		);
		expect(outcome.failed).toBe(0);
		expect(outcome.wallMs / floorMs(900)).toBeLessThanOrEqual(1.15);
		expect(outcome.refused / outcome.requests).toBeLessThanOrEqual(0.02);
	});

	it('a worker alone never meets a 429 and keeps the whole limit', async () => {
		const outcome = await simulate([{ process: 'A', items: 400 }], 3);
		expect(outcome.refused).toBe(0);
		expect(outcome.budgets.get('A')?.general.share(outcome.wallMs)).toBe(GENERAL_LIMIT.limit);
		// Its own pacing: each block of 100 starts a window and a margin after the last; the final block takes
		// at most 100 round trips of the longest latency (90 ms).
		expect(outcome.wallMs).toBeLessThanOrEqual(3 * (GENERAL_LIMIT.windowMs + WINDOW_MARGIN_MS) + 100 * 90);
	});

	it('when the other worker stops, the one left wins the whole limit back', async () => {
		const outcome = await simulate(
			[
				{ process: 'A', items: 900 },
				{ process: 'B', items: 150 },
			],
			5,
		);
		const [aDone, bDone] = outcome.finishedAt;
		expect(bDone).toBeLessThan(aDone);
		expect(outcome.budgets.get('A')?.general.share(aDone)).toBe(GENERAL_LIMIT.limit);
		// Both jobs together are not much slower than one client sending all 1,050.
		expect(outcome.wallMs / floorMs(1050)).toBeLessThanOrEqual(1.15);
		expect(outcome.refused / outcome.requests).toBeLessThanOrEqual(0.02);
	});

	it('a worker that joins a busy account takes at least the minimum share and catches up once alone', async () => {
		const outcome = await simulate(
			[
				{ process: 'A', items: 600 },
				{ process: 'B', items: 300, startAt: 40_000 },
			],
			9,
		);
		expect(outcome.failed).toBe(0);
		expect(outcome.budgets.get('B')?.general.share(outcome.finishedAt[1] - 1)).toBeGreaterThanOrEqual(MIN_SHARE);
		// The incumbent keeps most of the window until it is done; the newcomer then needs a few quiet windows to
		// grow back, which costs more than the 15 % the simultaneous start stays within.
		expect(outcome.wallMs / floorMs(900)).toBeLessThanOrEqual(1.25);
		expect(outcome.refused / outcome.requests).toBeLessThanOrEqual(0.02);
	});

	it('six busy workers: more 429s (each probes for a larger share), but no item fails and the floor holds', async () => {
		const outcome = await simulate(
			Array.from({ length: 6 }, (_, i) => ({ process: String(i), items: 200 })),
			11,
		);
		expect(outcome.failed).toBe(0);
		expect(outcome.wallMs / floorMs(1200)).toBeLessThanOrEqual(1.15);
		expect(outcome.refused / outcome.requests).toBeLessThanOrEqual(0.05);
	});
});
