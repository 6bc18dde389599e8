// 1. List (Return All): 20,000 time entries and 5,000 clients with Harvest's limits, plus the same time-entry
// listing on a sandbox without limits, so the built-in node's cost is known even where the limit stops it.
import { BENCH, pagesFor } from '../config';
import type { BenchContext } from '../context';
import { listWorkflow } from '../n8n/workflows';
import type { NodeKind, ScenarioResult } from '../results';
import { medianRuns, runNode } from './runNode';

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

/** Only our node promises ceil(N / 2000); the built-in's page size is fixed at 100. */
export function expectedListRequests(kind: NodeKind, records: number): number {
	return kind === 'harvestApp' ? pagesFor(records) : Math.ceil(records / 100);
}

export async function runListScenarios(ctx: BenchContext, accountId: string): Promise<ScenarioResult[]> {
	const rows: ScenarioResult[] = [];
	for (const c of LIST_CASES) {
		const medians = await medianRuns(KINDS, BENCH.listRepeats, async (kind) => {
			const { row } = await runNode(ctx, c.scenario, kind, listWorkflow(c.key, kind, accountId).id, {
				sandbox: c.free ? ctx.freeSandbox : ctx.sandbox,
				timeoutMs: 10 * 60_000,
			});
			return row;
		});
		for (const kind of KINDS) {
			const row = medians.get(kind)!;
			row.expectedRequests = expectedListRequests(kind, c.records);
			row.details = { records: c.records, rateLimits: !c.free, ...row.details };
			rows.push(row);
		}
	}
	return rows;
}
