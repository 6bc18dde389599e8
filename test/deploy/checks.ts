// Checks several deploy cases share: which worker ran an execution (by n8n's own records), and what a bulk create
// left in the sandbox (every note counted, so a duplicate or a gap shows).
import assert from 'assert/strict';

import { sleep } from '../e2e/n8n';
import type { Sandbox, SandboxRequest } from '../e2e/sandbox';
import type { DeployContext } from './context';
import type { JobRecord } from './inspect';

/** Which worker ran an execution, by n8n's Bull job and the workers' logs; fails when it was not exactly one worker. */
export async function workerOf(ctx: Pick<DeployContext, 'data' | 'cluster'>, executionId: string): Promise<string> {
	// A worker saves the execution before it reports the job finished (with its id) to Redis, so under load the
	// execution can look done a moment before its job names the worker: read again for a while.
	let jobs: JobRecord[] = [];
	for (const deadline = Date.now() + 15_000; ; await sleep(250)) {
		jobs = (await ctx.data.jobs()).get(executionId) ?? [];
		if ((jobs.length === 1 && jobs[0].workerId) || Date.now() > deadline) break;
	}
	assert.equal(jobs.length, 1, `execution ${executionId}: ${jobs.length} Bull jobs in Redis`);
	const [job] = jobs;
	assert.match(String(job.workerId), /^worker-/, `execution ${executionId}: job ${job.jobId} reported by ${job.workerId ?? 'nobody'}`);
	const started = new RegExp(`Worker started execution ${executionId} \\(job ${job.jobId}\\)`);
	const ranIt = ctx.cluster.workers.filter((w) => started.test(w.log())).map((w) => w.name);
	assert.equal(ranIt.length, 1, `execution ${executionId}: started by ${ranIt.join(', ') || 'no worker'} according to the worker logs`);
	assert.doesNotMatch(ctx.cluster.main.serverLog(), started, `execution ${executionId} also ran on main`);
	return ranIt[0];
}

/** Every time entry of the sandbox's account whose notes start with `prefix`, counted by the number after it. */
export async function notesCount(sandbox: Sandbox, prefix: string): Promise<Map<number, number>> {
	const counts = new Map<number, number>();
	for (let page = 1; ; page++) {
		const body = await sandbox.get<{ time_entries: Array<{ notes: string | null }>; next_page: number | null }>(`/time_entries?per_page=2000&page=${page}`);
		for (const entry of body.time_entries) {
			if (!entry.notes?.startsWith(prefix)) continue;
			const n = Number(entry.notes.slice(prefix.length));
			counts.set(n, (counts.get(n) ?? 0) + 1);
		}
		if (!body.next_page) return counts;
	}
}

/** Requests, 429s and the span from the first arrival to the last answer, from the sandbox's request log. */
export function requestSpan(log: SandboxRequest[]): { requests: number; status429: number; wallMs: number } {
	if (!log.length) return { requests: 0, status429: 0, wallMs: 0 };
	const arrivals = log.map((r) => Date.parse(String(r.time)));
	const ends = log.map((r, i) => arrivals[i] + Number(r.durationMs ?? 0));
	return {
		requests: log.length,
		status429: log.filter((r) => Number(r.status) === 429).length,
		wallMs: Math.max(...ends) - Math.min(...arrivals),
	};
}
