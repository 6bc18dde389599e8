// The deploy tier: `tsx test/deploy/run.ts [--report file] [--only text] [--keep]`.
// n8n 2.41.1 in queue mode (a main and two workers) on a private Postgres and Redis from Debian's packages, with
// the package installed as users install it, against local Harvest sandboxes. Phase 1, n8n's default scheduler:
// actions on workers, bulk creates across workers and the trigger, side by side; then worker kills in the middle of
// bulk creates and main kills in the middle of polls. Phase 2: the cluster restarted with the durable scheduler and
// durable poll cursors, the trigger cases and main kills again. Kill counts: HARVESTAPP_DEPLOY_MAIN_KILLS (per
// scheduler) and HARVESTAPP_DEPLOY_WORKER_KILLS; the seed of every random choice: HARVESTAPP_DEPLOY_SEED.
// Writes {"passed","failed"} to --report, the measured numbers to artifacts/results.json, and ends with an
// "N passed, N failed" line.
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

import { parseTierArgs } from '../e2e/args';
import { fixtureCredentials, patCredential } from '../e2e/credentials';
import { log, runtimeIsCached } from '../e2e/env';
import { exitWith, finishRun, registerSecrets, runCases, setupFailed, tally, tidyUp, type CaseResult } from '../e2e/harness';
import { makeWorkDir, repoRoot, workflowsDir } from '../e2e/paths';
import { Rest, TEST_OWNER } from '../e2e/rest';
import { Sandbox } from '../e2e/sandbox';
import { createCredentials, createWorkflows, loadFixtures } from '../e2e/workflows';
import { PHASES } from './cases';
import type { DeployContext } from './context';
import { QueueStack } from './stack';
import { Tap } from './tap';
import { DEPLOY_CRED } from './workflows';

const artifactsDir = path.join(__dirname, 'artifacts');

function runSeed(): number {
	const given = process.env.HARVESTAPP_DEPLOY_SEED;
	return given ? Number(given) : crypto.randomInt(1, 2 ** 31);
}

async function main(): Promise<number> {
	const args = parseTierArgs(process.argv.slice(2));
	const started = Date.now();
	const results: CaseResult[] = [];
	const numbers: Record<string, unknown> = {};
	const phase = (name: string) => log(`${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	fs.rmSync(artifactsDir, { recursive: true, force: true });
	fs.mkdirSync(artifactsDir, { recursive: true });
	const workDir = makeWorkDir('harvestapp-deploy-');
	const seed = runSeed();
	log(`seed ${seed} (replay with HARVESTAPP_DEPLOY_SEED=${seed})`);
	// Start under the scheduler of the first phase that has cases to run (no restart for a run of phase 2 only).
	const firstPhase = PHASES.find((p) => p.cases.some((c) => !args.only || c.name.includes(args.only)));
	const stack = new QueueStack({
		workDir,
		logsDir: artifactsDir,
		scheduler: firstPhase?.scheduler,
		onServices: (postgres, redis) => phase(`Postgres on 127.0.0.1:${postgres.connection.port}, Redis on 127.0.0.1:${redis.port}`),
	});
	let tap: Tap | undefined;
	const sandboxes: Sandbox[] = [];
	try {
		if (!fs.existsSync(path.join(repoRoot, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
		if (!runtimeIsCached()) log('first run on this machine: installing Node 24 and n8n (about 5 minutes)');
		const stackStarted = stack.start();
		stackStarted.catch(() => undefined);
		const [sandbox, triggerSandbox, bulkSandbox, crashSandbox] = await Promise.all([
			Sandbox.start({ seed: 42, records: 1000, logFile: path.join(artifactsDir, 'sandbox.log') }),
			Sandbox.start({ seed: 7, records: 20, logFile: path.join(artifactsDir, 'sandbox-trigger.log') }),
			Sandbox.start({ seed: 11, records: 200, logFile: path.join(artifactsDir, 'sandbox-bulk.log') }),
			Sandbox.start({ seed: 13, records: 20, logFile: path.join(artifactsDir, 'sandbox-crash.log') }),
		]);
		sandboxes.push(sandbox, triggerSandbox, bulkSandbox, crashSandbox);
		tap = await Tap.start(crashSandbox.port);
		for (const s of sandboxes) registerSecrets(s.info.token, s.info.oauth?.clientSecret);
		registerSecrets(TEST_OWNER.password);
		const { cluster, data, runtime, pack } = await stackStarted;
		const rest = new Rest(cluster.main.baseUrl, runtime.n8nHost);
		await rest.setupOwnerOrLogin();
		phase(`n8n main ${cluster.main.baseUrl} and ${cluster.workers.length} workers ready`);

		const credentialIds = await createCredentials(rest, [
			...fixtureCredentials(sandbox.info, triggerSandbox.info),
			patCredential(DEPLOY_CRED.bulk.id, DEPLOY_CRED.bulk.name, bulkSandbox.info),
			// Through the tap, which sees when each poll's read is on its way (the crash runs aim their kills with it).
			patCredential(DEPLOY_CRED.crash.id, DEPLOY_CRED.crash.name, { ...crashSandbox.info, url: tap.url(crashSandbox.info.url) }),
		]);
		await createWorkflows(rest, loadFixtures(workflowsDir), credentialIds);
		phase('credentials and workflows created');

		const ctx: DeployContext = {
			runtime,
			n8n: cluster.main,
			rest,
			sandbox,
			triggerSandbox,
			bulkSandbox,
			crashSandbox,
			tap,
			pack,
			workDir,
			chromium: Promise.reject(new Error('the deploy tier has no browser')),
			credentialIds,
			serverLog: () => cluster.main.serverLog(),
			cluster,
			data,
			seed,
			logsDir: artifactsDir,
			results: numbers,
		};
		ctx.chromium.catch(() => undefined);
		for (const [index, { scheduler, cases }] of PHASES.entries()) {
			const selected = cases.filter((c) => !args.only || c.name.includes(args.only));
			if (!selected.length) continue;
			if (scheduler !== cluster.scheduler) {
				await cluster.restartWith(scheduler);
				await rest.setupOwnerOrLogin();
				phase(`cluster restarted with the ${scheduler} scheduler`);
			}
			phase(`phase ${index + 1} (${scheduler} scheduler): ${selected.length} case(s)`);
			results.push(...(await runCases(selected, ctx)));
		}
	} catch (error) {
		results.push(setupFailed('deploy', error));
	} finally {
		await stack.stop();
		await tap?.close().catch(() => undefined);
		await Promise.all(sandboxes.map((s) => s.close().catch(() => undefined)));
		await tidyUp({ logsDir: artifactsDir, workDir, keep: args.keep });
	}

	const { passed, failed } = tally(results);
	const durationS = Math.round((Date.now() - started) / 1000);
	const resultsFile = path.join(artifactsDir, 'results.json');
	fs.writeFileSync(resultsFile, `${JSON.stringify({ seed, durationS, passed, failed, numbers }, null, 2)}\n`);
	return finishRun(results, { report: args.report, started, note: `numbers in ${path.relative(repoRoot, resultsFile)}` });
}

exitWith(main);
