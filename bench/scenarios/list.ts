// 1. List (Return All): 20,000 time entries and 5,000 clients with Harvest's limits, plus the same time-entry
// listing on a sandbox without limits, so the built-in node's cost is known even where the limit stops it.
import { BENCH, pagesFor } from '../config';
import type { BenchContext } from '../context';
import { listWorkflow } from '../n8n/workflows';
import type { NodeKind, ScenarioResult } from '../results';
import { runNode } from './runNode';

const KINDS: NodeKind[] = ['builtin', 'harvestApp'];

interface ListCase {
	key: 'listTimeEntries' | 'listClients' | 'listFree';
	scenario: string;
	records: number;
	free?: boolean;
}

export const LIST_CASES: ListCase[] = [
	{ key: 'listTimeEntries', scenario: 'list 20,000 time entries', records: BENCH.timeEntries },
	{ key: 'listClients', scenario: 'list 5,000 clients', records: BENCH.clients },
	{ key: 'listFree', scenario: 'list 20,000 time entries, no rate limit (reference)', records: BENCH.timeEntries, free: true },
];

export function listWorkflows(accountId: string) {
	return LIST_CASES.flatMap((c) => KINDS.map((kind) => listWorkflow(c.key, kind, accountId)));
}

export async function runListScenarios(ctx: BenchContext, accountId: string): Promise<ScenarioResult[]> {
	const rows: ScenarioResult[] = [];
	for (const c of LIST_CASES) {
		const runs: Record<NodeKind, ScenarioResult[]> = { builtin: [], harvestApp: [] };
		// The nodes take turns, so a busy moment on the machine falls on both rather than on one.
		for (let i = 0; i < BENCH.listRepeats; i++) {
			for (const kind of KINDS) {
				const { row } = await runNode(ctx, c.scenario, kind, listWorkflow(c.key, kind, accountId).id, {
					sandbox: c.free ? ctx.freeSandbox : ctx.sandbox,
					timeoutMs: 10 * 60_000,
				});
				runs[kind].push(row);
			}
		}
		for (const kind of KINDS) {
			// One slow process start or a busy machine can skew a single run; the median run is the typical one.
			const sorted = [...runs[kind]].sort((a, b) => a.wallMs - b.wallMs);
			const row = sorted[Math.floor(sorted.length / 2)];
			// Only our node promises ceil(N / 2000); the built-in's page size is fixed at 100.
			row.expectedRequests = kind === 'harvestApp' ? pagesFor(c.records) : Math.ceil(c.records / 100);
			row.details = {
				records: c.records,
				rateLimits: !c.free,
				wallRunsMs: runs[kind].map((r) => r.wallMs),
				peakRssRunsMb: runs[kind].map((r) => r.peakRssMb),
				requestRuns: runs[kind].map((r) => r.requests),
			};
			rows.push(row);
		}
	}
	return rows;
}
