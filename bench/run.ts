// `npm run bench [-- --only list,latency,trigger,create,package,queue] [--keep]`: both Harvest nodes in one real n8n 2.41.1
// against the sandbox. A full run writes bench/results.json, prints the table and updates README.md; a run
// with --only writes bench/work/results.partial.json and leaves both alone.
import fs from 'fs';
import os from 'os';
import path from 'path';

import { ensureRuntime, log } from '../test/e2e/env';
import { stopAll } from '../test/e2e/proc';
import { repoRoot } from '../test/e2e/paths';
import { BENCH } from './config';
import { machine } from './machine';
import { closingNotes } from './notes';
import { summary, updateReadme } from './report';
import { addRatios, writeResults, type BenchResults, type ScenarioResult } from './results';
import { runCreateScenario } from './scenarios/create';
import { runLatencyScenarios } from './scenarios/latency';
import { runListScenarios } from './scenarios/list';
import { runPackageScenario } from './scenarios/package';
import { runQueueScenario } from './scenarios/queue';
import { runTriggerScenarios } from './scenarios/trigger';
import { prepare, Resources } from './setup';
import { checkTargets } from './targets';

const ALL = ['list', 'latency', 'trigger', 'create', 'package', 'queue'] as const;
type Part = (typeof ALL)[number];

function parseArgs(argv: string[]): { parts: Part[]; keep: boolean; partial: boolean } {
	let parts: Part[] = [...ALL];
	let partial = false;
	let keep = false;
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--keep') keep = true;
		else if (argv[i] === '--only') {
			const wanted = String(argv[++i] ?? '').split(',');
			const unknown = wanted.filter((w) => !(ALL as readonly string[]).includes(w));
			if (unknown.length) throw new Error(`unknown part(s) ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
			parts = ALL.filter((p) => wanted.includes(p));
			partial = true;
		} else throw new Error(`unknown option ${argv[i]}`);
	}
	return { parts, keep, partial };
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const loadAtStart = os.loadavg()[0];
	const say = (line: string) => log(`[bench] ${line}`);
	// Scratch space: n8n's user folder, the certificate, logs. Outside the repo, removed at the end.
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harvestapp-bench-'));
	// Ctrl-C ends the process from the harness's signal handler, past the finally below; the folder still goes.
	if (!args.keep) process.on('exit', () => fs.rmSync(workDir, { recursive: true, force: true }));
	const resources = new Resources();
	try {
		const rows: ScenarioResult[] = [];
		const runtime = await ensureRuntime();
		const withN8n = ['list', 'latency', 'create'].some((part) => args.parts.includes(part as Part));
		if (withN8n || args.parts.includes('trigger')) {
			const withLarge = args.parts.includes('latency');
			const { sandbox, accountId, ctx, createTarget } = await prepare({ withN8n, withLarge, workDir, say, resources });
			// Order matters: the trigger's busy poll must not see the creates' entries inside its overlap window.
			if (ctx && args.parts.includes('list')) rows.push(...(await runListScenarios(ctx, accountId)));
			if (ctx && args.parts.includes('latency')) rows.push(...(await runLatencyScenarios(ctx, accountId)));
			if (args.parts.includes('trigger')) rows.push(...(await runTriggerScenarios(sandbox, say)));
			if (ctx && createTarget && args.parts.includes('create')) rows.push(...(await runCreateScenario(ctx, accountId, createTarget)));
		}
		if (args.parts.includes('queue')) {
			rows.push(...(await runQueueScenario(workDir, say)));
			say('queue mode measured');
		}
		if (args.parts.includes('package')) {
			rows.push(...(await runPackageScenario(runtime)));
			say('package measured');
		}

		addRatios(rows);
		const results: BenchResults = {
			date: new Date().toISOString(),
			machine: machine(),
			timeScale: BENCH.timeScale,
			latencyMs: BENCH.latencyMs,
			model: BENCH.model,
			durationMs: Date.now() - started,
			loadAverage: { start: Math.round(loadAtStart * 100) / 100, end: Math.round(os.loadavg()[0] * 100) / 100 },
			scenarios: rows,
		};
		const checks = checkTargets(rows);
		const text = summary(results, checks, closingNotes(rows));
		const out = args.partial ? path.join(__dirname, 'work', 'results.partial.json') : path.join(__dirname, 'results.json');
		fs.mkdirSync(path.dirname(out), { recursive: true });
		writeResults(out, { ...results, targets: checks });
		if (!args.partial) updateReadme(path.join(repoRoot, 'README.md'), text);
		process.stdout.write(`\n${text}\n\n`);
		say(`results in ${path.relative(repoRoot, out)}${args.partial ? ' (partial run: README.md left alone)' : '; README.md updated'}`);
		return 0;
	} finally {
		await resources.close();
		await stopAll();
		if (args.keep) say(`kept scratch folder ${workDir}`);
		else fs.rmSync(workDir, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		void stopAll().finally(() => process.exit(1));
	},
);
