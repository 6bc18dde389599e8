// A private Postgres for one test run: its own data folder in a temp folder, its own free loopback port, a random
// password, no Unix socket; stopped (fast shutdown) at the end. A system-wide Postgres, if any, is never used.
// Postgres refuses to run as root, so when the tests run as root (CI does) initdb and the server run as a
// dedicated unprivileged system user, `harvestapp-pg`, created on first use (useradd --system, no home, no login
// shell), through util-linux's setpriv. Otherwise they run as the current user.
import type { ChildProcess } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { freePort, sleep } from '../../e2e/n8n';
import { run, runOk, start, stop } from '../../e2e/proc';

export const POSTGRES_OS_USER = 'harvestapp-pg';
const DB_USER = 'harvestapp';

interface RunAs {
	uid: number;
	gid: number;
	/** Prefix that runs a command as that user ([] when we are that user already). */
	prefix: string[];
}

async function unprivilegedUser(): Promise<RunAs> {
	if (process.getuid?.() !== 0) return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, prefix: [] };
	let ids = await run('id', ['-u', POSTGRES_OS_USER]);
	if (ids.code !== 0) {
		await runOk('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', '--user-group', POSTGRES_OS_USER]);
		ids = await runOk('id', ['-u', POSTGRES_OS_USER]);
	}
	const uid = Number(ids.stdout.trim());
	const gid = Number((await runOk('id', ['-g', POSTGRES_OS_USER])).stdout.trim());
	return { uid, gid, prefix: ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--'] };
}

export interface PostgresConnection {
	host: string;
	port: number;
	user: string;
	password: string;
}

export class Postgres {
	private constructor(
		readonly connection: PostgresConnection,
		private readonly child: ChildProcess,
		private readonly bin: string,
		private readonly root: string,
	) {}

	/** initdb in a new temp folder owned by the server's user, and start the server. */
	static async start(bin: string, logFile: string): Promise<Postgres> {
		const runAs = await unprivilegedUser();
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'harvestapp-pg-'));
		// Also after a failure or Ctrl-C (proc.ts has stopped the server by the time the process exits).
		process.once('exit', () => fs.rmSync(root, { recursive: true, force: true }));
		const data = path.join(root, 'data');
		const password = crypto.randomBytes(18).toString('base64url');
		const passwordFile = path.join(root, 'password');
		fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
		fs.chownSync(root, runAs.uid, runAs.gid);
		fs.chownSync(passwordFile, runAs.uid, runAs.gid);
		const as = (command: string, args: string[]) => (runAs.prefix.length ? [runAs.prefix[0], [...runAs.prefix.slice(1), command, ...args]] : [command, args]) as [string, string[]];

		const initdb = as(path.join(bin, 'initdb'), [
			'--pgdata', data, '--username', DB_USER, '--pwfile', passwordFile, '--auth-host=scram-sha-256', '--auth-local=peer',
			'--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions',
		]);
		await runOk(initdb[0], initdb[1], { cwd: root, teeFile: logFile, timeoutMs: 120_000 });
		fs.rmSync(passwordFile, { force: true });

		const port = await freePort();
		// A test instance: durability settings are off (nothing here survives the run anyway); only loopback TCP.
		const server = as(path.join(bin, 'postgres'), [
			'-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
			'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
		]);
		const child = start('postgres', server[0], server[1], { cwd: root, logFile });
		const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
		const postgres = new Postgres({ host: '127.0.0.1', port, user: DB_USER, password }, child, bin, root);
		const deadline = Date.now() + 60_000;
		for (;;) {
			const state = await Promise.race([exited, sleep(250).then(() => 'running' as const)]);
			if (state !== 'running') throw new Error(`postgres exited (${state}) during start; see ${logFile}`);
			const ready = await run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-t', '1']);
			if (ready.code === 0) return postgres;
			if (Date.now() > deadline) throw new Error(`postgres not ready after 60 s; see ${logFile}`);
		}
	}

	private env(): NodeJS.ProcessEnv {
		return { ...process.env, PGPASSWORD: this.connection.password, PGHOST: this.connection.host, PGPORT: String(this.connection.port), PGUSER: this.connection.user };
	}

	async createDatabase(name: string): Promise<void> {
		await runOk(path.join(this.bin, 'createdb'), [name], { env: this.env() });
	}

	/** n8n's settings for this instance and one of its databases. */
	n8nEnv(database: string): NodeJS.ProcessEnv {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: this.connection.host,
			DB_POSTGRESDB_PORT: String(this.connection.port),
			DB_POSTGRESDB_USER: this.connection.user,
			DB_POSTGRESDB_PASSWORD: this.connection.password,
			DB_POSTGRESDB_DATABASE: database,
		};
	}

	/** Fast shutdown (SIGINT): open sessions are ended, which is what a test instance wants. */
	async stop(): Promise<void> {
		await stop(this.child, 15_000, 'SIGINT');
		fs.rmSync(this.root, { recursive: true, force: true });
	}
}
