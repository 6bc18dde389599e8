// 4. Package: what users download and what loading the node costs. Load time is measured inside fresh Node 24
// processes (n8n's runtime), ours and the built-in node taking turns: n8n-workflow is loaded first, as it always
// is inside n8n, then the node module is required and its description built. The cold figure also includes
// loading n8n-workflow. The description's size is its JSON, which n8n sends to every editor.
import fs from 'fs';
import path from 'path';

import type { Runtime } from '../../test/e2e/env';
import { runOk } from '../../test/e2e/proc';
import { repoRoot } from '../../test/e2e/paths';
import { BENCH } from '../config';
import { waitForDist } from '../n8n/setup';
import type { ScenarioResult } from '../results';

export const PACKAGE_SCENARIO = 'package: load the node and build its description';

function dirBytes(dir: string): { bytes: number; files: number } {
	let bytes = 0;
	let files = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			const inner = dirBytes(full);
			bytes += inner.bytes;
			files += inner.files;
		} else if (entry.isFile()) {
			bytes += fs.statSync(full).size;
			files += 1;
		}
	}
	return { bytes, files };
}

/**
 * Run in a child: prints {warmMs, coldMs, properties, descriptionBytes}. The description's size is what n8n
 * serialises for the editor: the node's description as JSON.
 */
const LOAD_SCRIPT = `
const path = require('path');
const [file, className] = process.argv.slice(1);
const t0 = process.hrtime.bigint();
require(require.resolve('n8n-workflow', { paths: [path.dirname(file)] }));
const t1 = process.hrtime.bigint();
const NodeClass = require(file)[className];
const description = new NodeClass().description;
const t2 = process.hrtime.bigint();
process.stdout.write(JSON.stringify({ warmMs: Number(t2 - t1) / 1e6, coldMs: Number(t2 - t0) / 1e6, properties: description.properties.length, descriptionBytes: Buffer.byteLength(JSON.stringify(description)) }));
`;

interface LoadRun {
	warmMs: number;
	coldMs: number;
	properties: number;
	descriptionBytes: number;
}

interface LoadTimes {
	warmMs: number;
	coldMs: number;
	runsMs: number[];
	properties: number;
	descriptionBytes: number;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return Math.round(sorted[Math.floor(sorted.length / 2)] * 10) / 10;
};

/**
 * Each node loaded in `BENCH.requireRuns` fresh Node 24 processes, the nodes taking turns so that a busy moment
 * on the machine falls on both; the median of each.
 */
async function loadTimes(runtime: Runtime, nodes: Array<{ file: string; className: string }>): Promise<LoadTimes[]> {
	const runs: LoadRun[][] = nodes.map(() => []);
	for (let i = 0; i < BENCH.requireRuns; i++) {
		for (const [n, node] of nodes.entries()) {
			const { stdout } = await runOk(runtime.node, ['-e', LOAD_SCRIPT, node.file, node.className], { cwd: repoRoot, env: runtime.env });
			runs[n].push(JSON.parse(stdout) as LoadRun);
		}
	}
	return runs.map((all) => ({
		warmMs: median(all.map((r) => r.warmMs)),
		coldMs: median(all.map((r) => r.coldMs)),
		runsMs: all.map((r) => Math.round(r.warmMs * 10) / 10),
		properties: all[0].properties,
		descriptionBytes: all[0].descriptionBytes,
	}));
}

interface PackInfo {
	size: number;
	unpackedSize: number;
	entryCount: number;
	filename: string;
}

export async function runPackageScenario(runtime: Runtime): Promise<ScenarioResult[]> {
	await waitForDist();
	const packed = await runOk('npm', ['pack', '--dry-run', '--json'], { cwd: repoRoot, timeoutMs: 120_000 });
	const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as PackInfo[];
	const dist = dirBytes(path.join(repoRoot, 'dist'));
	const builtinFile = path.join(runtime.n8nHost, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'Harvest', 'Harvest.node.js');
	const [ours, theirs] = await loadTimes(runtime, [
		{ file: path.join(repoRoot, 'dist', 'nodes', 'HarvestApp', 'HarvestApp.node.js'), className: 'HarvestApp' },
		{ file: builtinFile, className: 'Harvest' },
	]);
	const row = (node: 'harvestApp' | 'builtin', times: LoadTimes, details: Record<string, unknown>): ScenarioResult => ({
		scenario: PACKAGE_SCENARIO,
		node,
		completed: true,
		requests: 0,
		status429: 0,
		wallMs: times.warmMs,
		details: { coldMs: times.coldMs, runsMs: times.runsMs, properties: times.properties, descriptionBytes: times.descriptionBytes, ...details },
	});
	return [
		row('harvestApp', ours, {
			tarballBytes: info.size,
			unpackedBytes: info.unpackedSize,
			tarballFiles: info.entryCount,
			distBytes: dist.bytes,
			distFiles: dist.files,
		}),
		// Part of n8n-nodes-base, so it has no package size of its own; its load time is still comparable.
		row('builtin', theirs, { sizeNote: 'ships inside n8n-nodes-base' }),
	];
}
