// `npm start` (after scripts/start.js has built the package): the sandbox with demo data, n8n with the
// freshly packed package, a ready credential and the example workflows; runs until Ctrl-C.
// The n8n folder (.e2e-work/n8n) persists between starts, so the owner, executions and edits survive.
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

import { counterpartCredentials, CRED, DEMO_OWNER, OAUTH_DEMO, oauthCredential, patCredential } from './credentials';
import { ensureRuntime, log, runtimeIsCached } from './env';
import { BITRIX24_WEBHOOK_PATH, loadExamples, startExampleWorld } from './examples';
import { STAND_IN_ORIGIN } from './examples/build/workflow';
import { freePort, N8n } from './n8n';
import { installPackage, packPackage } from './pack';
import { repoRoot } from './paths';
import { stopAll } from './proc';
import { Rest } from './rest';
import { Sandbox } from './sandbox';

const WORK = path.join(repoRoot, '.e2e-work');
const USER_FOLDER = path.join(WORK, 'n8n');

/** One `npm start` per folder: a second one would share n8n's database with the first. */
function takeLock(): void {
	const lock = path.join(WORK, 'start.pid');
	try {
		const pid = Number(fs.readFileSync(lock, 'utf8'));
		if (pid && pid !== process.pid) {
			process.kill(pid, 0);
			throw new Error(`npm start is already running (pid ${pid}); stop it with Ctrl-C first`);
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
	fs.writeFileSync(lock, String(process.pid));
	process.on('exit', () => fs.rmSync(lock, { force: true }));
}

/** The instance key must stay the same across starts, or n8n cannot decrypt the stored credentials. */
function encryptionKey(): string {
	const file = path.join(WORK, 'encryption-key');
	if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(24).toString('hex'), { mode: 0o600 });
	return fs.readFileSync(file, 'utf8').trim();
}

async function main(): Promise<void> {
	fs.mkdirSync(WORK, { recursive: true });
	takeLock();
	if (!runtimeIsCached()) log('first start on this machine: downloading Node 24 and n8n (about 5 minutes, once)');
	const runtime = await ensureRuntime();

	const pack = await packPackage(repoRoot, WORK);
	const sandboxPort = await freePort(5680);
	const sandbox = await Sandbox.start({ port: sandboxPort, seed: 42, records: 1000, logFile: path.join(WORK, 'sandbox.log') });
	log(`Harvest sandbox with demo data at ${sandbox.info.url}`);
	// The examples' other side (Bitrix24, Domo, Runn, Upsales stand-ins), where the examples expect it if that port is free.
	const world = await startExampleWorld(sandbox, await freePort(Number(new URL(STAND_IN_ORIGIN).port)));
	const standIns = world.counterparts.info;
	log(`counterpart stand-ins at ${standIns.origin}`);

	const n8n = new N8n(runtime, { userFolder: USER_FOLDER, logFile: path.join(WORK, 'n8n.log'), encryptionKey: encryptionKey() });
	await installPackage(pack, n8n.nodesDir);
	fs.rmSync(pack.tarball, { force: true });
	// The demo credentials belong to `npm start` and are rewritten on every start (the sandbox's port and
	// token change). For real Harvest, create a credential of your own and pick it in the workflows.
	await n8n.importCredentials(
		[patCredential(CRED.demo.id, CRED.demo.name, sandbox.info), oauthCredential(OAUTH_DEMO.id, OAUTH_DEMO.name, sandbox.info), ...counterpartCredentials(standIns)],
		WORK,
	);
	log('starting n8n …');
	await n8n.startServer(5678);

	// Bitrix24's outbound webhook: task events go to the Bitrix24 example once it is activated.
	await world.counterparts.bitrix24.adminRoute('POST', '/handlers', { url: `${n8n.baseUrl}/webhook/${BITRIX24_WEBHOOK_PATH}` });
	const rest = new Rest(n8n.baseUrl, runtime.n8nHost);
	let loggedIn = true;
	try {
		await rest.setupOwnerOrLogin(DEMO_OWNER);
	} catch {
		loggedIn = false;
	}
	const imported: string[] = [];
	if (loggedIn) {
		// Examples are added once; later starts leave them (and your edits) alone.
		for (const workflow of loadExamples(standIns.origin)) {
			const existing = await rest.request('GET', `/rest/workflows/${workflow.id}`);
			if (existing.status === 200) continue;
			const { active: _active, ...body } = workflow as typeof workflow & { active?: boolean };
			await rest.call('POST', '/rest/workflows', body);
			imported.push(workflow.name);
		}
	}

	const lines = [
		'',
		`  n8n with n8n-nodes-harvestapp ${pack.version} is running:  ${n8n.baseUrl}`,
		loggedIn
			? `  log in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`
			: '  the owner account was changed since the first start: log in with your own password',
		`  credential "${CRED.demo.name}" points at the local Harvest sandbox (${sandbox.info.url})`,
		`  credential "${OAUTH_DEMO.name}": open it and click "Connect my account" to try the OAuth2 flow`,
		`  Bitrix24, Domo, Runn and Upsales stand-ins for the examples: ${standIns.origin} (state and request logs under /__counterparts); activate the Bitrix24 example to receive its task events`,
		imported.length ? `  imported examples: ${imported.join('; ')}` : '  example workflows: see "Overview" in n8n',
		`  logs: ${path.relative(process.cwd(), path.join(WORK, 'n8n.log'))}, ${path.relative(process.cwd(), path.join(WORK, 'sandbox.log'))}`,
		'  Ctrl-C stops n8n, the sandbox and the stand-ins.',
		'',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	// Run until Ctrl-C (handled in proc.ts: every process started here is stopped) or until a child dies.
	await new Promise<void>((resolve) => {
		const timer = setInterval(async () => {
			const alive = await fetch(`${n8n.baseUrl}/healthz`).then((r) => r.ok, () => false);
			if (!alive) {
				clearInterval(timer);
				process.stderr.write(`n8n stopped unexpectedly; see ${path.join(WORK, 'n8n.log')}\n`);
				resolve();
			}
		}, 5000);
	});
	await n8n.stopServer();
	await sandbox.close();
	await world.counterparts.close();
	await stopAll();
	process.exit(1);
}

main().catch(async (error: unknown) => {
	process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
	await stopAll();
	process.exit(1);
});
