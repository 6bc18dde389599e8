// One workflow run of one node against a freshly reset sandbox, reduced to a result row.
import type { Sandbox } from '../../test/e2e/sandbox';
import type { BenchContext } from '../context';
import { executeMeasured, nodeRun, printedError } from '../n8n/execute';
import { HARVEST_NODE } from '../n8n/workflows';
import type { NodeKind, ScenarioResult } from '../results';
import { between, tally, type Tally } from '../sandbox';

export interface NodeRunOutcome {
	row: ScenarioResult;
	tally: Tally;
}

export async function runNode(
	ctx: BenchContext,
	scenario: string,
	kind: NodeKind,
	workflowId: string,
	options: { sandbox?: Sandbox; timeoutMs: number; extraEnv?: NodeJS.ProcessEnv },
): Promise<NodeRunOutcome> {
	const sandbox = options.sandbox ?? ctx.sandbox;
	await between(sandbox);
	ctx.network.retarget(sandbox.port);
	const forwarder = kind === 'builtin' ? ctx.network.builtin : ctx.network.ours;
	forwarder.reset();
	const run = await executeMeasured(ctx.n8n, workflowId, {
		extraEnv: { ...(kind === 'builtin' ? ctx.network.builtinEnv : {}), ...options.extraEnv },
		outputDir: ctx.outputDir,
		timeoutMs: options.timeoutMs,
	});
	const network = forwarder.span();
	const counted = tally(await sandbox.requests());
	const node = nodeRun(run.result, HARVEST_NODE);
	const completed = run.result.status === 'success' && !node.error && run.exitCode === 0;
	const error = completed ? undefined : (node.error ?? printedError(run.outputFile) ?? run.result.error?.message ?? `n8n exited ${run.exitCode}`);
	const row: ScenarioResult = {
		scenario,
		node: kind,
		completed,
		...(counted.failedAtRequest !== undefined ? { failedAtRequest: counted.failedAtRequest, failedStatus: counted.failedStatus } : {}),
		...(error ? { error: error.split('\n')[0].slice(0, 300) } : {}),
		requests: counted.requests,
		status429: counted.status429,
		// n8n's own timing of the node where it reports one; a failed `n8n execute` prints no run data, and then
		// the forwarder's first-request-to-last-response time is the closest measure.
		wallMs: node.ms ?? network.ms,
		wallSource: node.ms !== undefined ? 'n8n' : 'network',
		networkMs: network.ms,
		mostAtOnce: network.mostAtOnce,
		sandboxMs: counted.sandboxMs,
		responseMb: Math.round(network.responseBytes / 1e5) / 10,
		processMs: run.processMs,
		peakRssMb: run.peakRssMb,
		treePeakRssMb: run.treePeakRssMb,
		items: node.items,
	};
	ctx.say(
		`${scenario} / ${kind}: ${completed ? 'completed' : 'FAILED'} — ${counted.requests} requests, ${counted.status429} × 429, ` +
			`${(row.wallMs / 1000).toFixed(1)} s, ${row.peakRssMb ?? '?'} MB${error ? ` — ${row.error}` : ''}`,
	);
	return { row, tally: counted };
}

/**
 * Runs every variant `repeats` times (a number, or one per variant), the variants taking turns so that a busy
 * moment on the machine falls on all of them, and reports the median run of each by wall time (one slow
 * process start or a busy moment can skew a single run), with every run's wall, RSS, requests and
 * concurrency in `details`.
 */
export async function medianRuns<V>(
	variants: readonly V[],
	repeats: number | ((variant: V) => number),
	run: (variant: V) => Promise<ScenarioResult>,
): Promise<Map<V, ScenarioResult>> {
	const times = (variant: V) => (typeof repeats === 'number' ? repeats : repeats(variant));
	const runs = new Map<V, ScenarioResult[]>(variants.map((v) => [v, []]));
	const rounds = Math.max(...variants.map(times));
	for (let i = 0; i < rounds; i++) {
		for (const variant of variants) if (i < times(variant)) runs.get(variant)!.push(await run(variant));
	}
	const medians = new Map<V, ScenarioResult>();
	for (const [variant, all] of runs) {
		const sorted = [...all].sort((a, b) => a.wallMs - b.wallMs);
		const row = sorted[Math.floor(sorted.length / 2)];
		row.details = {
			...row.details,
			wallRunsMs: all.map((r) => r.wallMs),
			peakRssRunsMb: all.map((r) => r.peakRssMb),
			requestRuns: all.map((r) => r.requests),
			mostAtOnceRuns: all.map((r) => r.mostAtOnce),
		};
		medians.set(variant, row);
	}
	return medians;
}
