// The machinery of the trigger runs in queue mode: random edits to the watched sandbox, the polls n8n made (seen
// by the tap in front of that sandbox), and what reached the node after the trigger, judged by oracle.ts.
import { SETTLE_SECONDS } from '../../nodes/HarvestAppTrigger/poller/plan';
import { nodeItems, sleep } from '../e2e/n8n';
import type { Rest } from '../e2e/rest';
import type { Sandbox } from '../e2e/sandbox';
import type { Prng } from '../trigger/prng';
import type { N8nData } from './inspect';
import { judge, versionKey, type Delivery, type Read, type Verdict, type Write } from './oracle';
import type { Tap, TappedRequest } from './tap';
import { DELIVERED_NODE, TRIGGER_NODE } from './workflows';

const WATCHED = '/v2/time_entries';
const isPollRead = (r: TappedRequest) => r.method === 'GET' && r.path === WATCHED;

/** Creates and updates time entries at random moments; every write sets a unique note and is recorded. */
export class EditDriver {
	readonly writes: Write[] = [];
	private readonly created: number[] = [];
	private counter = 0;

	constructor(
		private readonly sandbox: Sandbox,
		private readonly rng: Prng,
		private readonly label: string,
		/** Share of steps that create an entry (the rest update one made earlier). */
		private readonly createShare = 0.4,
	) {}

	private async write(action: 'create' | 'update', id?: number): Promise<number> {
		const content = `${this.label} ${++this.counter}`;
		const startedAt = Date.now();
		const answer = (await this.sandbox.mutate('time_entries', action, { notes: content }, id)) as { record?: Record<string, unknown> } & Record<string, unknown>;
		const doneAt = Date.now();
		const record = answer.record ?? answer;
		const updatedAt = updatedSecond(record);
		if (!Number.isFinite(updatedAt) || !record.id) throw new Error(`sandbox mutate returned ${JSON.stringify(answer).slice(0, 200)}`);
		this.writes.push({ id: Number(record.id), updatedAt, content, startedAt, doneAt });
		return Number(record.id);
	}

	/** One random change: a new entry, or an update of one made earlier (now and then twice in one second). */
	async step(): Promise<void> {
		if (!this.created.length || this.rng.chance(this.createShare)) {
			this.created.push(await this.write('create'));
			return;
		}
		const id = this.rng.pick(this.created);
		await this.write('update', id);
		if (this.rng.chance(0.15)) await this.write('update', id);
	}

	/** Steps at random intervals (0.2–1.5 s) until `until()` says stop. */
	async run(until: () => boolean): Promise<void> {
		while (!until()) {
			await this.step();
			await sleep(this.rng.int(200, 1500));
		}
	}

	get lastWriteAt(): number {
		return Math.max(0, ...this.writes.map((w) => w.doneAt));
	}
}

/** Reads of the watched list, as the tap saw them (arrival and answer in Date.now() time). */
export class ReadLog {
	constructor(private readonly tap: Tap) {}

	/** Answered reads of the watched list so far. */
	get reads(): Array<{ arrivedAt: number; answeredAt: number }> {
		return this.tap.requests.filter((r) => isPollRead(r) && r.answeredAt !== undefined).map((r) => ({ arrivedAt: r.arrivedAt, answeredAt: r.answeredAt! }));
	}

	/** Arrival times of every read of the watched list so far, answered or not. */
	get arrivals(): number[] {
		return this.tap.requests.filter(isPollRead).map((r) => r.arrivedAt);
	}

	/** The next read of the watched list to arrive, as soon as it arrives. */
	async nextArrival(timeoutMs = 300_000): Promise<TappedRequest> {
		return await this.tap.next(isPollRead, timeoutMs);
	}

	/** When the tap sent the answer to `request` (polled; resolves at `timeoutMs` with Date.now() if none came). */
	async answerOf(request: TappedRequest, timeoutMs = 30_000): Promise<number> {
		const deadline = Date.now() + timeoutMs;
		while (request.answeredAt === undefined && Date.now() < deadline) await sleep(10);
		return request.answeredAt ?? Date.now();
	}

	/** Resolves with the first answered read that arrived after `after`. */
	async next(after: number, timeoutMs = 60_000): Promise<{ arrivedAt: number; answeredAt: number }> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const read = this.reads.find((r) => r.arrivedAt > after);
			if (read) return read;
			if (Date.now() > deadline) throw new Error(`no poll read the watched list within ${timeoutMs / 1000} s`);
			await sleep(100);
		}
	}

	/** Waits until `count` reads arrived whose second is past `settledAfter` by the settle time (all changes owed). */
	async settledReads(settledAfter: number, count: number, timeoutMs = 120_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		const needed = (Math.floor(settledAfter / 1000) + SETTLE_SECONDS + 2) * 1000;
		while (this.reads.filter((r) => r.arrivedAt >= needed).length < count) {
			if (Date.now() > deadline) throw new Error(`fewer than ${count} polls after the last change within ${timeoutMs / 1000} s`);
			await sleep(250);
		}
	}
}

/**
 * Waits until no execution of the workflow is running or waiting, and none is queued (`new`) unless it has been
 * for a minute: an execution created by a main killed before it queued it stays `new` until n8n's queue recovery
 * marks it crashed (every few minutes). Returns those still open (from n8n's database, which lists every status).
 */
export async function settleExecutions(data: N8nData, workflowId: string, timeoutMs = 120_000): Promise<string[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const open = (await data.executions(workflowId)).filter((e) => ['new', 'running', 'waiting'].includes(e.status));
		const moving = open.filter((e) => e.status !== 'new' || Date.now() - new Date(e.createdAt).getTime() < 60_000);
		if (!moving.length || Date.now() > deadline) return open.map((e) => `${e.id}:${e.status}`);
		await sleep(1000);
	}
}

export interface DeliveryCount {
	deliveries: Delivery[];
	/** Trigger executions by final status. */
	statuses: Record<string, number>;
	/** Items the trigger emitted into executions whose next node never ran (crashed, failed, never started). */
	emittedNotDelivered: number;
	/** Their versions (`id@updated_at`): held in n8n's execution data, not delivered. */
	heldNotDelivered: string[];
	executionIds: string[];
}

/**
 * Everything that reached the node after the trigger, per execution. Which executions exist comes from n8n's
 * database (every status, also those its REST list leaves out), their data from the REST API.
 */
export async function collectDeliveries(rest: Rest, data: N8nData, workflowId: string): Promise<DeliveryCount> {
	const deliveries: Delivery[] = [];
	const statuses: Record<string, number> = {};
	let emittedNotDelivered = 0;
	const heldNotDelivered: string[] = [];
	const summaries = await data.executions(workflowId);
	for (const summary of summaries) {
		statuses[summary.status] = (statuses[summary.status] ?? 0) + 1;
		const execution = await rest.execution(summary.id);
		const delivered = nodeItems(execution, DELIVERED_NODE);
		if (!delivered.length) {
			// A run that reached the trigger has its items in the run data; one that never ran, on its stack.
			const ran = nodeItems(execution, TRIGGER_NODE);
			const held = ran.length ? ran : (execution.stackItems?.[TRIGGER_NODE] ?? []);
			emittedNotDelivered += held.length;
			for (const item of held) heldNotDelivered.push(versionKey(Number(item.id), updatedSecond(item)));
		}
		for (const item of delivered) {
			deliveries.push({ id: Number(item.id), updatedAt: updatedSecond(item), content: String(item.notes ?? ''), executionId: summary.id });
		}
	}
	return { deliveries, statuses, emittedNotDelivered, heldNotDelivered, executionIds: summaries.map((s) => s.id) };
}

/** A record's `updated_at` as epoch seconds. */
function updatedSecond(record: Record<string, unknown>): number {
	return Math.floor(Date.parse(String(record.updated_at)) / 1000);
}

export function judgeRun(writes: Write[], reads: Read[], count: DeliveryCount): Verdict {
	return judge(writes, reads, count.deliveries, { settleSeconds: SETTLE_SECONDS });
}

/** Activates a workflow over REST and returns when n8n has accepted it. */
export async function activate(rest: Rest, workflowId: string): Promise<void> {
	const workflow = await rest.call<{ versionId: string }>('GET', `/rest/workflows/${workflowId}`);
	await rest.call('POST', `/rest/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
}

export async function deactivate(rest: Rest, workflowId: string): Promise<void> {
	await rest.call('POST', `/rest/workflows/${workflowId}/deactivate`, {});
}
