// 2. Bulk create: 1,000 input items, one time entry each, with Harvest's limits. Success is counted on the
// sandbox (201 answers), so a run that stops half-way still shows what it had written.
import { BENCH, floorMsFor } from '../config';
import type { BenchContext } from '../context';
import { createWorkflow } from '../n8n/workflows';
import type { NodeKind, ScenarioResult } from '../results';
import type { WorkTarget } from '../sandbox';
import { runNode } from './runNode';

export const CREATE_SCENARIO = 'create 1,000 time entries';
const KINDS: NodeKind[] = ['builtin', 'harvestApp'];

export interface CreateTarget extends WorkTarget {
	spentDate: string;
}

export function createWorkflows(accountId: string, target: CreateTarget) {
	return KINDS.map((kind) => createWorkflow(kind, accountId, target));
}

export async function runCreateScenario(ctx: BenchContext, accountId: string, target: CreateTarget): Promise<ScenarioResult[]> {
	const rows: ScenarioResult[] = [];
	const floorMs = floorMsFor(BENCH.creates);
	for (const kind of KINDS) {
		const workflow = createWorkflow(kind, accountId, target);
		const { row, tally } = await runNode(ctx, CREATE_SCENARIO, kind, workflow.id, { timeoutMs: 15 * 60_000 });
		const outputItems = row.items;
		row.items = tally.created;
		row.expectedRequests = BENCH.creates;
		row.floorMs = floorMs;
		row.details = {
			inputItems: BENCH.creates,
			succeeded: tally.created,
			outputItems,
			wallOverFloor: Math.round((row.wallMs / floorMs) * 1000) / 1000,
			byStatus: tally.byStatus,
		};
		rows.push(row);
	}
	return rows;
}
