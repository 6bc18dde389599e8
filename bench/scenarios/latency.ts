// 5. Latency model: Return All of 20,000 and 100,000 time entries with Harvest's limits, when each request
// waits a base latency plus server time per record on its page (BENCH.model). Three variants take turns, each
// in its own `n8n execute`: ours as shipped (page-numbered lists read a few pages at a time), ours reading one
// page at a time (the same build with pageReading.concurrency = 1, set by a preload), and the built-in node.
import path from 'path';

import type { Sandbox } from '../../test/e2e/sandbox';
import { BENCH } from '../config';
import type { BenchContext } from '../context';
import { listWorkflow } from '../n8n/workflows';
import type { NodeKind, ScenarioResult } from '../results';
import { expectedListRequests } from './list';
import { medianRuns, runNode } from './runNode';

export interface LatencyCase {
	records: number;
	/** Ours as shipped, and the built-in node. */
	scenario: string;
	/** Ours, one page at a time. */
	sequentialScenario: string;
}

const count = (n: number) => n.toLocaleString('en-US');

export const LATENCY_CASES: LatencyCase[] = BENCH.modelEntries.map((records) => ({
	records,
	scenario: `list ${count(records)} time entries, latency model`,
	sequentialScenario: `list ${count(records)} time entries, latency model, ours one page at a time`,
}));

interface Variant {
	kind: NodeKind;
	sequential: boolean;
}

const VARIANTS: Variant[] = [
	{ kind: 'harvestApp', sequential: false },
	{ kind: 'harvestApp', sequential: true },
	{ kind: 'builtin', sequential: false },
];

const SEQUENTIAL_ENV = { NODE_OPTIONS: `--require "${path.join(__dirname, '..', 'n8n', 'sequential-reads.cjs')}"` };

function sandboxFor(ctx: BenchContext, records: number): Sandbox {
	if (records === BENCH.timeEntries) return ctx.sandbox;
	if (ctx.largeSandbox && records === Math.max(...BENCH.modelEntries)) return ctx.largeSandbox;
	throw new Error(`no sandbox holds ${records} time entries`);
}

export async function runLatencyScenarios(ctx: BenchContext, accountId: string): Promise<ScenarioResult[]> {
	const rows: ScenarioResult[] = [];
	for (const c of LATENCY_CASES) {
		const sandbox = sandboxFor(ctx, c.records);
		// The model is set for these runs only; the other scenarios keep the flat latency they were defined with.
		await sandbox.admin('POST', '/faults', { latencyMs: BENCH.model.latencyMs, jitterMs: 0, perRecordMs: BENCH.model.perRecordMs });
		try {
			const repeats = (variant: Variant) => (variant.kind === 'builtin' ? BENCH.modelRepeats.builtin : BENCH.modelRepeats.ours);
			const medians = await medianRuns(VARIANTS, repeats, async (variant) => {
				const scenario = variant.sequential ? c.sequentialScenario : c.scenario;
				const { row } = await runNode(ctx, scenario, variant.kind, listWorkflow('listTimeEntries', variant.kind, accountId).id, {
					sandbox,
					timeoutMs: 15 * 60_000,
					extraEnv: variant.sequential ? SEQUENTIAL_ENV : undefined,
				});
				return row;
			});
			for (const variant of VARIANTS) {
				const row = medians.get(variant)!;
				row.expectedRequests = expectedListRequests(variant.kind, c.records);
				row.details = { records: c.records, model: BENCH.model, pagesAtOnce: variant.sequential ? 1 : 'as shipped', ...row.details };
				rows.push(row);
			}
		} finally {
			await sandbox.admin('DELETE', '/faults');
		}
	}
	return rows;
}
