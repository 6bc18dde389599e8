// n8n in queue mode, as a self-hosted team runs it: one main (editor, REST, triggers and pollers) and workers
// (`n8n worker`) that run the executions, sharing Postgres and Redis. Each process has its own user folder with
// the package unpacked into it, as each container of a real deployment has its own install; all share one
// encryption key. Processes bind to 127.0.0.1 on free ports. Main and workers can be stopped, killed (SIGKILL to
// the process and its task runner) and started again one at a time.
import type { ChildProcess } from 'child_process';
import fs from 'fs';
import path from 'path';

import type { Runtime } from '../e2e/env';
import { freePorts, N8n, sleep } from '../e2e/n8n';
import { installPackage, type PackResult } from '../e2e/pack';
import { kill, start, stop } from '../e2e/proc';
import type { Postgres } from './services/postgres';
import type { Redis } from './services/redis';

/** How the main runs poll triggers: n8n's default (legacy) scheduler, or the durable one with durable poll cursors. */
export type SchedulerMode = 'legacy' | 'durable';

/**
 * The durable scheduler with durable poll cursors (n8n 2.41.1 has all four flags, off by default; durable cursors
 * need the other three, or n8n logs a warning and keeps them off): poll occurrences become database tasks, and a
 * poll node's static data is committed together with the execution it starts. Only a main runs the scheduler.
 */
export const DURABLE_CURSORS_ENV: NodeJS.ProcessEnv = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
};

export interface ClusterOptions {
	runtime: Runtime;
	pack: PackResult;
	/** Scratch folder: one user folder per process below it. */
	workDir: string;
	/** Logs: main.log, worker-1.log, … */
	logsDir: string;
	postgres: Postgres;
	database: string;
	redis: Redis;
	redisDb?: number;
	workers: number;
	/** Jobs one worker runs at once (n8n's default is 10). */
	concurrency?: number;
	encryptionKey?: string;
	/** The editor's port when it is free (a free one otherwise); restarts keep the port. */
	mainPort?: number;
	/** How the main runs poll triggers (default: n8n's default scheduler). */
	scheduler?: SchedulerMode;
	/** More settings for every process. */
	extraEnv?: NodeJS.ProcessEnv;
}

/** What every process of the cluster shares: queue mode, Postgres, Redis, binary data in the database. */
function sharedEnv(options: ClusterOptions): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		...options.postgres.n8nEnv(options.database),
		...options.redis.n8nEnv(options.redisDb ?? 0),
		// In queue mode n8n keeps binary data in the database unless S3/Azure is configured; the filesystem mode
		// would leave a file on the worker that made it. Set explicitly so the choice is visible.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// Manual (editor and REST) runs go to the workers too, as they will by default from n8n 3.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// Keep finished Bull jobs in Redis, so a test can read which worker ran an execution (n8n deletes them by default).
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '5000',
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: '5000',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		...(options.scheduler === 'durable' ? DURABLE_CURSORS_ENV : {}),
		...options.extraEnv,
	};
}

export class Worker {
	private child?: ChildProcess;
	healthPort = 0;
	/** How often this worker was started (1 after the first start). */
	starts = 0;

	constructor(
		readonly name: string,
		readonly n8n: N8n,
		private readonly concurrency: number,
		private env: NodeJS.ProcessEnv,
	) {}

	get logFile(): string {
		return this.n8n.options.logFile;
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	async start(timeoutMs = 180_000): Promise<void> {
		const [healthPort, brokerPort] = await freePorts(2);
		this.healthPort = healthPort;
		const env = this.n8n.env({
			...this.env,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(this.healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
		const child = start(this.name, this.n8n.runtime.node, [this.n8n.runtime.n8nBin, 'worker', `--concurrency=${this.concurrency}`], {
			cwd: this.n8n.options.userFolder,
			env,
			logFile: this.logFile,
		});
		this.child = child;
		this.starts++;
		const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const state = await Promise.race([exited, sleep(250).then(() => 'running' as const)]);
			if (state !== 'running') throw new Error(`${this.name} exited (${state}) during start; see ${this.logFile}`);
			const ready = await fetch(`http://127.0.0.1:${this.healthPort}/healthz/readiness`).then((r) => r.ok, () => false);
			if (ready) return;
			if (Date.now() > deadline) throw new Error(`${this.name} not ready after ${timeoutMs / 1000} s; see ${this.logFile}`);
		}
	}

	async stop(): Promise<void> {
		if (this.child) await stop(this.child, 15_000);
		this.child = undefined;
	}

	/** SIGKILL to the worker and its task runner. */
	async kill(): Promise<void> {
		if (this.child) await kill(this.child);
		this.child = undefined;
	}

	log(): string {
		try {
			return fs.readFileSync(this.logFile, 'utf8');
		} catch {
			return '';
		}
	}
}

export class QueueCluster {
	readonly main: N8n;
	readonly workers: Worker[];
	private mainPort?: number;

	constructor(readonly options: ClusterOptions) {
		const env = sharedEnv(options);
		const folder = (name: string) => path.join(options.workDir, name);
		this.main = new N8n(options.runtime, {
			userFolder: folder('main'),
			logFile: path.join(options.logsDir, 'main.log'),
			encryptionKey: options.encryptionKey,
			extraEnv: env,
		});
		this.workers = Array.from({ length: options.workers }, (_, i) => {
			const name = `worker-${i + 1}`;
			const n8n = new N8n(options.runtime, {
				userFolder: folder(name),
				logFile: path.join(options.logsDir, `${name}.log`),
				encryptionKey: this.main.encryptionKey,
				extraEnv: env,
			});
			return new Worker(name, n8n, options.concurrency ?? 10, {});
		});
	}

	get encryptionKey(): string {
		return this.main.encryptionKey;
	}

	/** Unpacks the package into every process's user folder (as each container would install it). */
	async install(): Promise<void> {
		await installPackage(this.options.pack, this.main.nodesDir);
		for (const worker of this.workers) await installPackage(this.options.pack, worker.n8n.nodesDir);
	}

	/** Main first (it runs the database migrations), then the workers together. */
	async start(): Promise<void> {
		await this.install();
		await this.startMain();
		await Promise.all(this.workers.map((w) => w.start()));
	}

	async startMain(extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
		this.main.options.extraEnv = { ...sharedEnv(this.options), ...extraEnv };
		await this.main.startServer(this.mainPort ?? this.options.mainPort);
		this.mainPort = this.main.port;
	}

	async killMain(): Promise<void> {
		await this.main.killServer();
	}

	get scheduler(): SchedulerMode {
		return this.options.scheduler ?? 'legacy';
	}

	/** Stops every process and starts them again under `mode` (same database, queue and user folders). */
	async restartWith(mode: SchedulerMode): Promise<void> {
		await this.stop();
		this.options.scheduler = mode;
		for (const worker of this.workers) worker.n8n.options.extraEnv = sharedEnv(this.options);
		await this.startMain();
		await Promise.all(this.workers.map((w) => w.start()));
	}

	async stop(): Promise<void> {
		await Promise.all(this.workers.map((w) => w.stop()));
		await this.main.stopServer();
	}
}
