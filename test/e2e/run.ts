// The real-n8n tier: `tsx test/e2e/run.ts [--report file] [--only text] [--keep]`.
// One n8n server for the whole run; workflows run through its REST API, and one case drives the CLI
// (`import:workflow`, `execute --id`) beside it. Writes {"passed","failed"} to --report and ends with an
// "N passed, N failed" line.
import fs from 'fs';
import path from 'path';

import { parseTierArgs } from './args';
import { allCases } from './cases';
import { SANDBOX_ACCESS_TOKEN_TTL_S } from './cases/credentials';
import type { E2EContext } from './context';
import { counterpartCredentials, CRED, fixtureCredentials, patCredential } from './credentials';
import { ensureChromium, ensureRuntime, log, runtimeIsCached } from './env';
import { counterpartIds, loadExamples, startExampleWorld, type ExampleWorld } from './examples';
import { exitWith, finishRun, registerSecrets, runCases, setupFailed, tidyUp, type CaseResult } from './harness';
import { N8n } from './n8n';
import { installPackage, packPackage } from './pack';
import { artifactsDir, makeWorkDir, repoRoot, resetArtifacts, workflowsDir } from './paths';
import { Rest, TEST_OWNER } from './rest';
import { Sandbox } from './sandbox';
import { createCredentials, createWorkflows, loadFixtures } from './workflows';

async function main(): Promise<number> {
	const args = parseTierArgs(process.argv.slice(2));
	const started = Date.now();
	const results: CaseResult[] = [];
	const phase = (name: string) => log(`${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	resetArtifacts();
	const workDir = makeWorkDir();
	let n8n: N8n | undefined;
	const sandboxes: Sandbox[] = [];
	let world: ExampleWorld | undefined;
	try {
		// The package under test is this checkout; another folder may be given while working on the harness.
		const packageDir = process.env.HARVESTAPP_E2E_PACKAGE_DIR || repoRoot;
		if (!fs.existsSync(path.join(packageDir, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
		if (!runtimeIsCached()) log('first run on this machine: installing Node 24, n8n and Chromium (about 5 minutes)');
		// Only the editor case needs Chromium; if it cannot be had, that case fails and the rest still runs.
		const chromium = ensureChromium();
		chromium.catch(() => undefined);
		const [runtime, pack] = await Promise.all([ensureRuntime(), packPackage(packageDir, workDir)]);
		phase(`runtime ready; packed ${path.basename(pack.tarball)} (${pack.files.length} files)`);

		n8n = new N8n(runtime, { userFolder: path.join(workDir, 'home'), logFile: path.join(artifactsDir, 'n8n.log') });
		registerSecrets(n8n.encryptionKey);
		await installPackage(pack, n8n.nodesDir);
		const server = n8n.startServer();
		server.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
		// The sandboxes start while n8n boots; nothing in n8n needs them before credentials exist.
		const starting = Promise.all([
			Sandbox.start({
				seed: 42,
				records: 1000,
				logFile: path.join(artifactsDir, 'sandbox.log'),
				// Short-lived OAuth access tokens, so the OAuth2 case sees n8n refresh one.
				extraArgs: ['--access-token-ttl', String(SANDBOX_ACCESS_TOKEN_TTL_S)],
			}),
			Sandbox.start({ seed: 7, records: 20, logFile: path.join(artifactsDir, 'sandbox-trigger.log') }),
			// The example workflows sync with their counterparts' stand-ins in a sandbox of their own (demo data).
			Sandbox.start({ seed: 42, records: 1000, logFile: path.join(artifactsDir, 'sandbox-examples.log') }),
		]);
		const [sandbox, triggerSandbox, examplesSandbox] = await starting;
		sandboxes.push(sandbox, triggerSandbox, examplesSandbox);
		world = await startExampleWorld(examplesSandbox);
		const stand = world.counterparts.info;
		registerSecrets(sandbox.info.token, triggerSandbox.info.token, sandbox.info.oauth?.clientSecret, TEST_OWNER.password);
		registerSecrets(examplesSandbox.info.token, stand.bitrix24.token, stand.domo.clientSecret, stand.runn.token, stand.upsales.token);
		await server;
		const rest = new Rest(n8n.baseUrl, runtime.n8nHost);
		await rest.setupOwnerOrLogin();
		phase(`n8n ${n8n.baseUrl} ready; sandboxes at ${sandbox.origin} and ${triggerSandbox.origin}`);

		// Over REST rather than `n8n import:*`: each CLI call is a ~5 s cold start; these take milliseconds.
		const credentialIds = await createCredentials(rest, [
			...fixtureCredentials(sandbox.info, triggerSandbox.info),
			patCredential(CRED.examples.id, CRED.examples.name, examplesSandbox.info),
			...counterpartCredentials(stand),
		]);
		await createWorkflows(rest, loadFixtures(workflowsDir), credentialIds);
		// The examples name the demo credentials that `npm start` creates; here they use this run's.
		await createWorkflows(rest, loadExamples(stand.origin), { ...counterpartIds(credentialIds), [CRED.demo.id]: credentialIds[CRED.examples.id] });
		phase('credentials and workflows created');

		const ctx: E2EContext = {
			runtime,
			n8n,
			rest,
			sandbox,
			triggerSandbox,
			examplesSandbox,
			world,
			pack,
			workDir,
			chromium,
			credentialIds,
			serverLog: () => n8n?.serverLog() ?? '',
		};
		const selected = allCases.filter((c) => !args.only || c.name.includes(args.only));
		results.push(...(await runCases(selected, ctx)));
	} catch (error) {
		results.push(setupFailed('e2e', error));
	} finally {
		await n8n?.stopServer().catch(() => undefined);
		await Promise.all(sandboxes.map((s) => s.close().catch(() => undefined)));
		await world?.counterparts.close().catch(() => undefined);
		await tidyUp({ logsDir: artifactsDir, workDir, keep: args.keep });
	}

	return finishRun(results, { report: args.report, started, note: `artifacts in ${path.relative(repoRoot, artifactsDir)}/` });
}

exitWith(main);
