// A private Redis for one test run: the current user, a temp folder, a free loopback port, a random password,
// no persistence. A system-wide Redis, if any, is never used.
import type { ChildProcess } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { freePort, sleep } from '../../e2e/n8n';
import { start, stop } from '../../e2e/proc';

export class Redis {
	private constructor(
		readonly port: number,
		readonly password: string,
		private readonly child: ChildProcess,
		private readonly dir: string,
	) {}

	static async start(redisServer: string, logFile: string): Promise<Redis> {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harvestapp-redis-'));
		process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
		const port = await freePort();
		const password = crypto.randomBytes(18).toString('base64url');
		// The password goes in a config file, not on the command line where `ps` shows it.
		const config = path.join(dir, 'redis.conf');
		fs.writeFileSync(
			config,
			[`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, 'save ""', 'appendonly no', 'daemonize no', `requirepass ${password}`, 'loglevel notice'].join('\n') + '\n',
			{ mode: 0o600 },
		);
		let ready = false;
		const child = start('redis', redisServer, [config], {
			cwd: dir,
			logFile,
			onStdout: (chunk) => {
				if (/Ready to accept connections/.test(chunk)) ready = true;
			},
		});
		const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
		const deadline = Date.now() + 30_000;
		while (!ready) {
			const state = await Promise.race([exited, sleep(100).then(() => 'running' as const)]);
			if (state !== 'running') throw new Error(`redis-server exited (${state}) during start; see ${logFile}`);
			if (Date.now() > deadline) throw new Error(`redis-server not ready after 30 s; see ${logFile}`);
		}
		return new Redis(port, password, child, dir);
	}

	/** n8n's queue settings for this instance; `db` keeps separate n8n clusters apart. */
	n8nEnv(db = 0): NodeJS.ProcessEnv {
		return {
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.port),
			QUEUE_BULL_REDIS_PASSWORD: this.password,
			QUEUE_BULL_REDIS_DB: String(db),
		};
	}

	async stop(): Promise<void> {
		await stop(this.child, 10_000);
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}
