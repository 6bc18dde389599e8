// The shape of bench/results.json and the ours/built-in ratios.
import fs from 'fs';

export type NodeKind = 'harvestApp' | 'builtin';

export interface ScenarioResult {
	scenario: string;
	node: NodeKind;
	completed: boolean;
	/** The built-in node has nothing to compare here (no trigger, no package of its own). */
	notApplicable?: true;
	/** 1-based position, among this run's requests, of the first failed request. */
	failedAtRequest?: number;
	/** HTTP status of that request. */
	failedStatus?: number;
	error?: string;
	/** HTTP requests the sandbox received during the run. */
	requests: number;
	expectedRequests?: number;
	status429: number;
	/** The node's own execution time as n8n measured it (the n8n start-up is in processMs). */
	wallMs: number;
	/** Where wallMs comes from: n8n's run data, or the forwarder (first request in → last response out). */
	wallSource?: 'n8n' | 'network' | 'in-process';
	/** The forwarder's first-request-to-last-response time. */
	networkMs?: number;
	/** Most requests the forwarder had open at the same moment. */
	mostAtOnce?: number;
	/** Response bodies the node received, in MB. */
	responseMb?: number;
	/** Summed time the sandbox spent answering (latency included); the rest of wallMs is the client's. */
	sandboxMs?: number;
	/** The whole `n8n execute` process, start-up and result printing included. */
	processMs?: number;
	/** High-water mark (VmHWM) of the n8n process. */
	peakRssMb?: number;
	/** Peak of the summed RSS of n8n and its children (the task runner). */
	treePeakRssMb?: number;
	items?: number;
	floorMs?: number;
	/** ours / built-in, where both completed. */
	ratio?: Partial<Record<'requests' | 'wallMs' | 'peakRssMb', number>>;
	details?: Record<string, unknown>;
}

export interface BenchResults {
	date: string;
	machine: { cpus: number; cpuModel: string; memory: string; node: string; n8nNode: string; n8n: string; platform: string };
	timeScale: number;
	latencyMs: number;
	/** The latency model of the latency-model listings. */
	model: { latencyMs: number; perRecordMs: number };
	durationMs: number;
	/** 1-minute load average at the start and end: other work on the machine skews the times. */
	loadAverage: { start: number; end: number };
	scenarios: ScenarioResult[];
	targets?: Array<{ target: string; met?: boolean; detail: string }>;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Adds `ratio` to our row of every scenario where both nodes completed. */
export function addRatios(rows: ScenarioResult[]): void {
	for (const ours of rows.filter((r) => r.node === 'harvestApp' && r.completed)) {
		const theirs = rows.find((r) => r.scenario === ours.scenario && r.node === 'builtin' && r.completed);
		if (!theirs) continue;
		const ratio: ScenarioResult['ratio'] = {};
		if (theirs.requests > 0) ratio.requests = round(ours.requests / theirs.requests);
		if (theirs.wallMs > 0) ratio.wallMs = round(ours.wallMs / theirs.wallMs);
		if (ours.peakRssMb !== undefined && theirs.peakRssMb) ratio.peakRssMb = round(ours.peakRssMb / theirs.peakRssMb);
		ours.ratio = ratio;
	}
}

export function writeResults(file: string, results: BenchResults): void {
	fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
