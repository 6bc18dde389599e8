// 5. Queue mode: three workflows of 400 creates each, started at once, run by two n8n workers against one Harvest
// account (the sandbox with Harvest's limits and the benchmark's latency). Each worker counts only its own requests,
// so together they meet 429s; the governor learns each worker's share from them. Measured: 429s and the wall time
// against the floor. Only our node: the built-in one has no governor to share, and stops at its first 429.
import fs from 'fs';
import path from 'path';

import { CRED, patCredential } from '../../test/e2e/credentials';
import { Rest } from '../../test/e2e/rest';
import { createCredentials } from '../../test/e2e/workflows';
import { runBulk, type BulkOutcome } from '../../test/deploy/bulk';
import { workerOf } from '../../test/deploy/checks';
import { QueueStack } from '../../test/deploy/stack';
import { BENCH } from '../config';
import type { ScenarioResult } from '../results';
import { startBenchSandbox } from '../sandbox';

export const QUEUE_SCENARIO = 'queue mode: 3 × 400 creates at once on 2 workers';
export const QUEUE_WORKFLOWS = 3;
export const QUEUE_ITEMS = 400;

export async function runQueueScenario(workDir: string, say: (line: string) => void): Promise<ScenarioResult[]> {
	const logsDir = path.join(workDir, 'queue');
	fs.mkdirSync(logsDir, { recursive: true });
	const sandbox = await startBenchSandbox({ token: `bench.queue.${process.pid}`, rateLimits: true, logFile: path.join(workDir, 'sandbox-queue.log') });
	const stack = new QueueStack({ workDir: logsDir, logsDir });
	try {
		const { cluster, data, runtime } = await stack.start();
		say(`queue mode: main and ${cluster.workers.length} workers ready on Postgres and Redis`);
		const rest = new Rest(cluster.main.baseUrl, runtime.n8nHost);
		await rest.setupOwnerOrLogin();
		const ids = await createCredentials(rest, [patCredential(CRED.pat.id, CRED.pat.name, sandbox.info)]);
		const outcome = await runBulk(rest, sandbox, { id: ids[CRED.pat.id], name: CRED.pat.name }, { runTag: 'bench', idPrefix: 'benchQueue', workflows: QUEUE_WORKFLOWS, items: QUEUE_ITEMS });
		const created = QUEUE_WORKFLOWS * QUEUE_ITEMS - outcome.missing.flat().length;
		const duplicates = outcome.twice.flat().length;
		const completed = outcome.results.every((r) => r.status === 'success');
		// The sharing is only exercised when both workers run executions: name the worker of each (n8n's Bull job and logs).
		// A check that cannot tell is recorded as such (and fails the target) rather than ending the benchmark.
		const workersUsed = await Promise.all(
			outcome.executionIds.map((id) => workerOf({ cluster, data }, id).catch((error: Error) => `unknown: ${error.message}`)),
		);
		return [
			{
				scenario: QUEUE_SCENARIO,
				node: 'harvestApp',
				completed,
				requests: outcome.requests,
				expectedRequests: QUEUE_WORKFLOWS * QUEUE_ITEMS,
				status429: outcome.status429,
				wallMs: outcome.wallMs,
				wallSource: 'network',
				items: created,
				floorMs: outcome.floorMs,
				details: {
					workers: cluster.workers.length,
					workersUsed,
					duplicates,
					share429: Math.round((outcome.status429 / Math.max(1, outcome.requests)) * 10_000) / 10_000,
					wallOverFloor: Math.round((outcome.wallMs / outcome.floorMs) * 1000) / 1000,
					latencyMs: BENCH.latencyMs,
					...pace(outcome),
				},
			},
			{ scenario: QUEUE_SCENARIO, node: 'builtin', completed: false, notApplicable: true, error: 'no shared budget; stops at its first 429', requests: 0, status429: 0, wallMs: 0 },
		];
	} finally {
		await stack.stop();
		await sandbox.close().catch(() => undefined);
	}
}

const WINDOW_MS = 15_000;

/**
 * Where the time went, from the sandbox's log: when each 429 arrived (seconds after the first request) and how many
 * creates Harvest accepted in each 15 s slot counted from the first request (a full slot is 100).
 */
function pace(outcome: BulkOutcome): { status429AtS: number[]; acceptedPer15s: number[] } {
	// The log is in the order of answers; count from the earliest arrival.
	const start = Math.min(...outcome.timeline.map(([ms]) => ms));
	const acceptedPer15s: number[] = [];
	for (const [ms, status] of outcome.timeline) {
		if (Number(status) === 429) continue;
		const slot = Math.floor((ms - start) / WINDOW_MS);
		while (acceptedPer15s.length <= slot) acceptedPer15s.push(0);
		acceptedPer15s[slot]++;
	}
	const status429AtS = outcome.timeline
		.filter(([, status]) => Number(status) === 429)
		.map(([ms]) => Math.round((ms - start) / 100) / 10)
		.sort((a, b) => a - b);
	return { status429AtS, acceptedPer15s };
}
