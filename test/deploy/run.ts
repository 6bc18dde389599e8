// The deploy tier: `tsx test/deploy/run.ts [--report file] [--only text] [--keep]`.
// n8n 2.41.1 in queue mode (a main and two workers) on a private Postgres and Redis from Debian's packages, with
// the package installed as users install it, against local Harvest sandboxes. Cases run in phases, because some
// restart or kill processes the others rely on: (1) actions on workers, bulk creates across workers and the
// trigger under randomized edits, side by side; (2) worker kills in the middle of bulk creates; (3) main kills in
// the middle of polls; (4) the same trigger cases with the durable scheduler and durable poll cursors on.
// Writes {"passed","failed"} to --report, the measured numbers to artifacts/results.json, and ends with an
// "N passed, N failed" line.
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

import { parseTierArgs } from '../e2e/args';
import { CRED, oauthCredential, patCredential } from '../e2e/credentials';
import { ensureRuntime, log, runtimeIsCached } from '../e2e/env';
import { redact, redactLogs, registerSecrets, runCases, type Case, type CaseResult } from '../e2e/harness';
import { packPackage } from '../e2e/pack';
import { makeWorkDir, repoRoot, workflowsDir } from '../e2e/paths';
import { stopAll } from '../e2e/proc';
import { Rest, TEST_OWNER } from '../e2e/rest';
import { Sandbox } from '../e2e/sandbox';
import { createCredentials, createWorkflows, loadFixtures } from '../e2e/workflows';
import { PHASES } from './cases';
import { QueueCluster } from './cluster';
import type { DeployContext } from './context';
import { N8nData } from './inspect';
import { ensureServerBinaries } from './services/packages';
import { Postgres } from './services/postgres';
import { Redis } from './services/redis';
import { DEPLOY_CRED } from './workflows';

const artifactsDir = path.join(__dirname, 'artifacts');
const DATABASE = 'n8n_deploy';

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
	let postgres: Postgres | undefined;
	let redis: Redis | undefined;
	let cluster: QueueCluster | undefined;
	let data: N8nData | undefined;
	const sandboxes: Sandbox[] = [];
	try {
		if (!fs.existsSync(path.join(repoRoot, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
		if (!runtimeIsCached()) log('first run on this machine: installing Node 24 and n8n (about 5 minutes)');
		const [binaries, runtime, pack] = await Promise.all([ensureServerBinaries(), ensureRuntime(), packPackage(repoRoot, workDir)]);
		phase(`runtime ready; Postgres ${binaries.postgresVersion} and ${path.basename(binaries.redisServer)} found`);

		[postgres, redis] = await Promise.all([
			Postgres.start(binaries.postgresBin, path.join(artifactsDir, 'postgres.log')),
			Redis.start(binaries.redisServer, path.join(artifactsDir, 'redis.log')),
		]);
		registerSecrets(postgres.connection.password, redis.password);
		await postgres.createDatabase(DATABASE);
		phase(`Postgres on 127.0.0.1:${postgres.connection.port}, Redis on 127.0.0.1:${redis.port}`);

		cluster = new QueueCluster({ runtime, pack, workDir, logsDir: artifactsDir, postgres, database: DATABASE, redis, workers: 2 });
		registerSecrets(cluster.encryptionKey);
		const clusterStarted = cluster.start();
		clusterStarted.catch(() => undefined);
		const [sandbox, triggerSandbox, bulkSandbox, crashSandbox] = await Promise.all([
			Sandbox.start({ seed: 42, records: 1000, logFile: path.join(artifactsDir, 'sandbox.log') }),
			Sandbox.start({ seed: 7, records: 20, logFile: path.join(artifactsDir, 'sandbox-trigger.log') }),
			Sandbox.start({ seed: 11, records: 200, logFile: path.join(artifactsDir, 'sandbox-bulk.log') }),
			Sandbox.start({ seed: 13, records: 20, logFile: path.join(artifactsDir, 'sandbox-crash.log') }),
		]);
		sandboxes.push(sandbox, triggerSandbox, bulkSandbox, crashSandbox);
		for (const s of sandboxes) registerSecrets(s.info.token, s.info.oauth?.clientSecret);
		registerSecrets(TEST_OWNER.password);
		await clusterStarted;
		const rest = new Rest(cluster.main.baseUrl, runtime.n8nHost);
		await rest.setupOwnerOrLogin();
		phase(`n8n main ${cluster.main.baseUrl} and ${cluster.workers.length} workers ready`);

		const credentialIds = await createCredentials(rest, [
			patCredential(CRED.pat.id, CRED.pat.name, sandbox.info),
			patCredential(CRED.trigger.id, CRED.trigger.name, triggerSandbox.info),
			patCredential(CRED.badToken.id, CRED.badToken.name, sandbox.info, 'not-a-valid-token-000'),
			oauthCredential(CRED.oauth.id, CRED.oauth.name, sandbox.info),
			patCredential(DEPLOY_CRED.bulk.id, DEPLOY_CRED.bulk.name, bulkSandbox.info),
			patCredential(DEPLOY_CRED.crash.id, DEPLOY_CRED.crash.name, crashSandbox.info),
		]);
		await createWorkflows(rest, loadFixtures(workflowsDir), credentialIds);
		data = new N8nData(runtime.n8nHost, postgres, DATABASE, redis);
		phase('credentials and workflows created');

		const ctx: DeployContext = {
			runtime,
			n8n: cluster.main,
			rest,
			sandbox,
			triggerSandbox,
			bulkSandbox,
			crashSandbox,
			pack,
			workDir,
			chromium: Promise.reject(new Error('the deploy tier has no browser')),
			credentialIds,
			serverLog: () => cluster?.main.serverLog() ?? '',
			cluster,
			data,
			seed,
			logsDir: artifactsDir,
			results: numbers,
		};
		ctx.chromium.catch(() => undefined);
		for (const [index, cases] of PHASES.entries()) {
			const selected = cases.filter((c: Case<DeployContext> & { always?: boolean }) => c.always || !args.only || c.name.includes(args.only));
			if (!selected.some((c: Case<DeployContext> & { always?: boolean }) => !c.always)) continue;
			phase(`phase ${index + 1}: ${selected.length} case(s)`);
			results.push(...(await runCases(selected, ctx)));
		}
	} catch (error) {
		const message = redact(error instanceof Error ? (error.stack ?? error.message) : String(error));
		process.stdout.write(`  ✗ deploy setup failed\n${message}\n`);
		results.push({ name: 'setup', ok: false, ms: 0, error: message });
	} finally {
		await data?.close();
		await cluster?.stop().catch(() => undefined);
		await Promise.all(sandboxes.map((s) => s.close().catch(() => undefined)));
		await redis?.stop().catch(() => undefined);
		await postgres?.stop().catch(() => undefined);
		await stopAll();
		redactLogs(artifactsDir);
		if (args.keep) log(`kept work folder ${workDir}`);
		else fs.rmSync(workDir, { recursive: true, force: true });
	}

	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	const durationS = Math.round((Date.now() - started) / 1000);
	fs.writeFileSync(path.join(artifactsDir, 'results.json'), `${JSON.stringify({ seed, durationS, passed, failed, numbers }, null, 2)}\n`);
	if (args.report) fs.writeFileSync(args.report, JSON.stringify({ passed, failed }));
	log(`finished in ${durationS} s; numbers in ${path.relative(repoRoot, path.join(artifactsDir, 'results.json'))}`);
	process.stdout.write(`${passed} passed, ${failed} failed\n`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`${redact(String(error))}\n`);
		void stopAll().finally(() => process.exit(1));
	},
);
