// `npm start -- --queue [--durable]`: the `npm start` demo in n8n's queue mode, as teams run it at scale: Postgres and
// Redis (Debian's packages, private instances on free ports), one main (editor, triggers) and two workers that run
// every execution, the package unpacked into each one's user folder. `--durable` turns on n8n's durable scheduler
// with durable poll cursors. Everything lives in temp folders and is gone after Ctrl-C.
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

import { counterpartCredentials, CRED, DEMO_OWNER, OAUTH_DEMO, oauthCredential, patCredential } from '../e2e/credentials';
import { log, runtimeIsCached } from '../e2e/env';
import { freePort, sleep } from '../e2e/n8n';
import { BITRIX24_WEBHOOK_PATH, loadExamples, startExampleWorld } from '../e2e/examples';
import { STAND_IN_ORIGIN } from '../e2e/examples/build/workflow';
import { makeWorkDir, repoRoot } from '../e2e/paths';
import { stopAll } from '../e2e/proc';
import { Rest } from '../e2e/rest';
import { Sandbox } from '../e2e/sandbox';
import { createCredentials, createWorkflows } from '../e2e/workflows';
import { DURABLE_CURSORS_ENV } from './cluster';
import { QueueStack } from './stack';

const LOGS = path.join(repoRoot, '.e2e-work', 'queue');

async function main(): Promise<void> {
	const durable = process.argv.includes('--durable');
	fs.rmSync(LOGS, { recursive: true, force: true });
	fs.mkdirSync(LOGS, { recursive: true });
	const work = makeWorkDir('harvestapp-queue-');
	process.once('exit', () => fs.rmSync(work, { recursive: true, force: true }));
	if (!runtimeIsCached()) log('first start on this machine: downloading Node 24 and n8n (about 5 minutes, once)');
	const sandbox = await Sandbox.start({ port: await freePort(5680), seed: 42, records: 1000, logFile: path.join(LOGS, 'sandbox.log') });
	log(`Harvest sandbox with demo data at ${sandbox.info.url}`);
	// The examples' other side (Bitrix24, Domo, Runn, Upsales stand-ins), as in `npm start`.
	const world = await startExampleWorld(sandbox, await freePort(Number(new URL(STAND_IN_ORIGIN).port)));
	const standIns = world.counterparts.info;
	const stack = new QueueStack({
		workDir: work,
		logsDir: LOGS,
		scheduler: durable ? 'durable' : 'legacy',
		encryptionKey: crypto.randomBytes(24).toString('hex'),
		mainPort: 5678,
		onServices: (postgres, redis) => log(`Postgres on port ${postgres.connection.port}, Redis on ${redis.port}; starting the main (it creates the database: about a minute) and two workers …`),
	});
	const { cluster, runtime, pack } = await stack.start();

	const rest = new Rest(cluster.main.baseUrl, runtime.n8nHost);
	await rest.setupOwnerOrLogin(DEMO_OWNER);
	const ids = await createCredentials(rest, [
		patCredential(CRED.demo.id, CRED.demo.name, sandbox.info),
		oauthCredential(OAUTH_DEMO.id, OAUTH_DEMO.name, sandbox.info),
		...counterpartCredentials(standIns),
	]);
	const examples = loadExamples(standIns.origin);
	await createWorkflows(rest, examples, ids);
	// Bitrix24's outbound webhook: task events go to the Bitrix24 example once it is activated.
	await world.counterparts.bitrix24.adminRoute('POST', '/handlers', { url: `${cluster.main.baseUrl}/webhook/${BITRIX24_WEBHOOK_PATH}` });

	const lines = [
		'',
		`  n8n in queue mode with n8n-nodes-harvestapp ${pack.version} is running:  ${cluster.main.baseUrl}`,
		`  log in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`,
		'  one main (editor, triggers) and two workers: every execution, manual ones too, runs on a worker',
		'  EXECUTIONS_MODE=queue, DB_TYPE=postgresdb, QUEUE_BULL_REDIS_*, N8N_DEFAULT_BINARY_DATA_MODE=database',
		durable
			? `  durable scheduler with durable poll cursors: ${Object.keys(DURABLE_CURSORS_ENV).join(', ')}`
			: "  n8n's default poll scheduler (add --durable for the durable scheduler with durable poll cursors)",
		`  credential "${CRED.demo.name}" points at the local Harvest sandbox (${sandbox.info.url})`,
		`  Bitrix24, Domo, Runn and Upsales stand-ins for the examples: ${standIns.origin}`,
		`  imported examples: ${examples.map((w) => w.name).join('; ')}`,
		`  logs: ${path.relative(process.cwd(), LOGS)}/ (main.log, worker-1.log, worker-2.log, postgres.log, redis.log, sandbox.log)`,
		'  Ctrl-C stops everything; nothing is kept.',
		'',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	// Run until Ctrl-C (proc.ts stops every process started here) or until the main dies.
	while (await fetch(`${cluster.main.baseUrl}/healthz`).then((r) => r.ok, () => false)) await sleep(5000);
	process.stderr.write(`n8n's main stopped unexpectedly; see ${path.join(LOGS, 'main.log')}\n`);
	await stopAll();
	process.exit(1);
}

main().catch(async (error: unknown) => {
	process.stderr.write(`npm start -- --queue failed: ${error instanceof Error ? error.message : String(error)}\n`);
	await stopAll();
	process.exit(1);
});
