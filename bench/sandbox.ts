// The sandbox as the benchmark uses it: started with Harvest's limits and 50 ms latency, topped up to the
// record counts the scenarios need (through the admin API, which is never rate-limited or logged), reset
// between scenarios, and read back as a tally of what each node actually sent.
import { Sandbox, type SandboxRequest } from '../test/e2e/sandbox';
import { BENCH } from './config';

export interface StartOptions {
	/** Fixed so the built-in node's credential works against either sandbox. */
	token: string;
	rateLimits: boolean;
	logFile: string;
	/** Time entries (default BENCH.timeEntries). */
	records?: number;
}

export async function startBenchSandbox(options: StartOptions): Promise<Sandbox> {
	return Sandbox.start({
		seed: BENCH.seed,
		records: options.records ?? BENCH.timeEntries,
		logFile: options.logFile,
		extraArgs: [
			'--latency-ms', String(BENCH.latencyMs),
			'--time-scale', String(BENCH.timeScale),
			'--token', options.token,
			...(options.rateLimits ? [] : ['--no-rate-limits']),
		],
	});
}

type Counts = Record<string, number>;

const lastWrites = new WeakMap<Sandbox, number>();

/** When the benchmark last changed the sandbox's data through the admin API (performance.now()). */
export function lastWriteAt(sandbox: Sandbox): number | undefined {
	return lastWrites.get(sandbox);
}

export async function counts(sandbox: Sandbox): Promise<Counts> {
	const state = await sandbox.admin<{ accounts: Array<{ id: number; counts: Counts | null }> }>('GET', '/state');
	const first = state.accounts.find((a) => String(a.id) === String(sandbox.info.accountId));
	if (!first?.counts) throw new Error('the sandbox state has no counts for its first account');
	return first.counts;
}

/** Creates clients until the account has `total`; the generator makes far fewer for 20,000 time entries. */
export async function topUpClients(sandbox: Sandbox, total: number): Promise<number> {
	const missing = total - (await counts(sandbox)).clients;
	for (let done = 0; done < missing; ) {
		const size = Math.min(1000, missing - done);
		const operations = Array.from({ length: size }, (_, i) => ({
			resource: 'clients',
			action: 'create',
			fields: { name: `Bench Client ${done + i + 1}` },
		}));
		const { results } = await sandbox.admin<{ results: Array<{ status: number; body: unknown }> }>('POST', '/mutate/batch', { operations });
		const failed = results.find((r) => r.status >= 300);
		if (failed) throw new Error(`sandbox refused a client: ${JSON.stringify(failed.body)}`);
		lastWrites.set(sandbox, performance.now());
		done += size;
	}
	return (await counts(sandbox)).clients;
}

/** Creates time entries through the admin API (the trigger's "5,000 changes"). */
export async function createTimeEntries(sandbox: Sandbox, count: number): Promise<void> {
	for (let done = 0; done < count; ) {
		const size = Math.min(1000, count - done);
		const operations = Array.from({ length: size }, (_, i) => ({
			resource: 'time_entries',
			action: 'create',
			fields: { hours: 0.5, notes: `Bench change ${done + i + 1}` },
		}));
		const { results } = await sandbox.admin<{ results: Array<{ status: number; body: unknown }> }>('POST', '/mutate/batch', { operations });
		const failed = results.find((r) => r.status >= 300);
		if (failed) throw new Error(`sandbox refused a time entry: ${JSON.stringify(failed.body)}`);
		lastWrites.set(sandbox, performance.now());
		done += size;
	}
}

export interface WorkTarget {
	userId: number;
	projectId: number;
	taskId: number;
}

/**
 * A project and task the token's own user may track time to. Both nodes create entries without a user id, so
 * Harvest books them to that user; the sandbox picks a valid assignment for a throwaway entry, which is then
 * deleted again.
 */
export async function workTarget(sandbox: Sandbox): Promise<WorkTarget> {
	const me = await sandbox.get<{ id: number }>('/users/me');
	const probe = await sandbox.mutate('time_entries', 'create', { user_id: me.id, hours: 0.1 });
	const project = probe.project as { id: number };
	const task = probe.task as { id: number };
	await sandbox.mutate('time_entries', 'delete', undefined, Number(probe.id));
	return { userId: me.id, projectId: project.id, taskId: task.id };
}

/** A clean slate for the next scenario: empty request log, empty rate-limit windows. */
export async function between(sandbox: Sandbox): Promise<void> {
	await sandbox.clearRequests();
	await sandbox.admin('DELETE', '/rate-limits');
}

export interface Tally {
	requests: number;
	status429: number;
	/** 1-based position of the first request answered with an error status. */
	failedAtRequest?: number;
	failedStatus?: number;
	/** Requests answered 201 (created). */
	created: number;
	/** Summed time the sandbox took per request: the 50 ms latency plus building the answer (not sending it). */
	sandboxMs: number;
	byStatus: Record<string, number>;
}

export function tally(log: SandboxRequest[]): Tally {
	const byStatus: Record<string, number> = {};
	for (const entry of log) byStatus[String(entry.status)] = (byStatus[String(entry.status)] ?? 0) + 1;
	const failed = log.findIndex((entry) => Number(entry.status) >= 400 || Number(entry.status) === 0);
	return {
		requests: log.length,
		status429: byStatus['429'] ?? 0,
		failedAtRequest: failed >= 0 ? failed + 1 : undefined,
		failedStatus: failed >= 0 ? Number(log[failed].status) : undefined,
		created: byStatus['201'] ?? 0,
		sandboxMs: Math.round(log.reduce((sum, entry) => sum + Number(entry.durationMs ?? 0), 0)),
		byStatus,
	};
}
