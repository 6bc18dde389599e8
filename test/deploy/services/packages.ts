// Postgres and Redis come from Debian's packages, as a self-hosted n8n team would install them. When they are
// missing and we are root, apt installs them (the cold CI path); otherwise the tier says what to install.
// Installing may start the distribution's own services: this tier never stops, uses or configures them; it runs
// its own instances (postgres.ts, redis.ts).
import fs from 'fs';
import path from 'path';

import { log } from '../../e2e/env';
import { runOk } from '../../e2e/proc';

const POSTGRES_ROOT = '/usr/lib/postgresql';
const REDIS_CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];

export interface ServerBinaries {
	/** Folder with initdb, postgres and pg_ctl of the newest installed major version. */
	postgresBin: string;
	postgresVersion: string;
	redisServer: string;
}

function findPostgres(): { bin: string; version: string } | undefined {
	if (!fs.existsSync(POSTGRES_ROOT)) return undefined;
	const versions = fs
		.readdirSync(POSTGRES_ROOT)
		.filter((v) => fs.existsSync(path.join(POSTGRES_ROOT, v, 'bin', 'postgres')) && fs.existsSync(path.join(POSTGRES_ROOT, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? { bin: path.join(POSTGRES_ROOT, versions[0], 'bin'), version: versions[0] } : undefined;
}

function findRedis(): string | undefined {
	if (process.env.HARVESTAPP_REDIS_SERVER) return process.env.HARVESTAPP_REDIS_SERVER;
	return REDIS_CANDIDATES.find((p) => fs.existsSync(p));
}

/** apt-get as CI runs it: no prompts, and waiting for another apt run's lock instead of failing. */
async function aptInstall(packages: string[]): Promise<void> {
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
	await runOk('apt-get', [...lockWait, 'update', '-q'], { env, timeoutMs: 10 * 60_000 });
	await runOk('apt-get', [...lockWait, 'install', '-y', '-q', '--no-install-recommends', ...packages], { env, timeoutMs: 20 * 60_000 });
}

export async function ensureServerBinaries(): Promise<ServerBinaries> {
	let postgres = findPostgres();
	let redis = findRedis();
	const missing = [...(postgres ? [] : ['postgresql']), ...(redis ? [] : ['redis-server'])];
	if (missing.length) {
		if (process.getuid?.() !== 0) {
			throw new Error(`${missing.join(' and ')} missing: install them (apt-get install ${missing.join(' ')}) or run as root`);
		}
		const started = Date.now();
		log(`installing ${missing.join(' and ')} with apt-get (first run only)`);
		await aptInstall(missing);
		log(`  apt-get finished in ${Math.round((Date.now() - started) / 1000)} s`);
		postgres = findPostgres();
		redis = findRedis();
		if (!postgres || !redis) throw new Error(`apt-get installed ${missing.join(', ')} but the server binaries were not found`);
	}
	return { postgresBin: postgres!.bin, postgresVersion: postgres!.version, redisServer: redis! };
}
