// `npm run bench [-- --only list,trigger,create,package] [--keep]`: both Harvest nodes in one real n8n 2.41.1
// against the sandbox. A full run writes bench/results.json, prints the table and updates README.md; a run
// with --only writes bench/work/results.partial.json and leaves both alone.
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { ensureRuntime, log } from '../test/e2e/env';
import type { Sandbox } from '../test/e2e/sandbox';
import { stopAll } from '../test/e2e/proc';
import { repoRoot } from '../test/e2e/paths';
import { BENCH } from './config';
import type { BenchContext } from './context';
import { machine } from './machine';
import { benchCredentials } from './n8n/credentials';
import { importAll, prepareN8n } from './n8n/setup';
import { closingNotes } from './notes';
import { summary, updateReadme } from './report';
import { addRatios, writeResults, type BenchResults, type ScenarioResult } from './results';
import { counts, startBenchSandbox, topUpClients, workTarget } from './sandbox';
import { createWorkflows, runCreateScenario } from './scenarios/create';
import { listWorkflows, runListScenarios } from './scenarios/list';
import { runPackageScenario } from './scenarios/package';
import { runTriggerScenarios } from './scenarios/trigger';
import { checkTargets } from './targets';
import { prepareNetwork, type Network } from './network';

const ALL = ['list', 'trigger', 'create', 'package'] as const;
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
	const say = (line: string) => log(`[bench] ${line}`);
	// Scratch space: n8n's user folder, the certificate, logs. Outside the repo, removed at the end.
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harvestapp-bench-'));
	const sandboxes: Sandbox[] = [];
	let network: Network | undefined;
	try {
		const rows: ScenarioResult[] = [];
		const runtime = await ensureRuntime();
		const needsN8n = args.parts.includes('list') || args.parts.includes('create');
		const needsSandbox = needsN8n || args.parts.includes('trigger');

		if (needsSandbox) {
			const token = `bench.${crypto.randomBytes(16).toString('hex')}`;
			const [sandbox, freeSandbox] = await Promise.all([
				startBenchSandbox({ token, rateLimits: true, logFile: path.join(workDir, 'sandbox.log') }),
				startBenchSandbox({ token, rateLimits: false, logFile: path.join(workDir, 'sandbox-free.log') }),
			]);
			sandboxes.push(sandbox, freeSandbox);
			const clients = await topUpClients(sandbox, BENCH.clients);
			const { time_entries: entries } = await counts(sandbox);
			say(`sandboxes ready (${entries} time entries, ${clients} clients; ${BENCH.latencyMs} ms latency, time scale ${BENCH.timeScale})`);
			if (entries !== BENCH.timeEntries || clients !== BENCH.clients) throw new Error('the sandbox does not hold the expected records');
			const accountId = String(sandbox.info.accountId);

			let ctx: BenchContext | undefined;
			let createTarget: Parameters<typeof runCreateScenario>[2] | undefined;
			if (needsN8n) {
				if (String(freeSandbox.info.accountId) !== accountId) throw new Error('the two sandboxes disagree on the account id');
				network = await prepareNetwork(workDir, sandbox.port);
				const target = await workTarget(sandbox);
				const clock = await sandbox.admin<{ now: string }>('GET', '/clock');
				createTarget = { ...target, spentDate: clock.now.slice(0, 10) };
				const bench = await prepareN8n(workDir, path.join(workDir, 'n8n-cli.log'));
				const workflows = [...listWorkflows(accountId), ...createWorkflows(accountId, createTarget)];
				await importAll(bench, benchCredentials(sandbox.info, network.ours.port), workflows, workDir);
				say(`n8n ${bench.version} ready with ${bench.pack.name}@${bench.pack.version}; HTTPS forwarder on 127.0.0.1:${network.builtin.port} for the built-in node`);
				ctx = { n8n: bench.n8n, sandbox, freeSandbox, network, outputDir: workDir, say };
			}
			// Order matters: the trigger's busy poll must not see the creates' entries inside its overlap window.
			if (ctx && args.parts.includes('list')) rows.push(...(await runListScenarios(ctx, accountId)));
			if (args.parts.includes('trigger')) rows.push(...(await runTriggerScenarios(sandbox, say)));
			if (ctx && createTarget && args.parts.includes('create')) rows.push(...(await runCreateScenario(ctx, accountId, createTarget)));
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
			durationMs: Date.now() - started,
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
		await network?.close().catch(() => undefined);
		await Promise.all(sandboxes.map((s) => s.close().catch(() => undefined)));
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
