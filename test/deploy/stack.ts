// Everything queue mode needs, brought up in order and taken down in reverse: Debian's Postgres and Redis (apt
// installs them when missing), private instances of both, the packed package, and the n8n cluster (a main and
// workers) on them. Used by the deploy tier, `npm start -- --queue` and the benchmark's queue part. stop() takes down
// whatever came up, also after a failure half-way.
import path from 'path';

import { ensureRuntime, type Runtime } from '../e2e/env';
import { registerSecrets } from '../e2e/harness';
import { packPackage, type PackResult } from '../e2e/pack';
import { repoRoot } from '../e2e/paths';
import { QueueCluster, type SchedulerMode } from './cluster';
import { N8nData } from './inspect';
import { ensureServerBinaries } from './services/packages';
import { Postgres } from './services/postgres';
import { Redis } from './services/redis';

export interface StackOptions {
	/** Scratch: the packed tarball and one n8n user folder per process. */
	workDir: string;
	/** main.log, worker-N.log, postgres.log, redis.log */
	logsDir: string;
	workers?: number;
	scheduler?: SchedulerMode;
	encryptionKey?: string;
	mainPort?: number;
	/** Called once Postgres and Redis run (before n8n starts), e.g. to report their ports. */
	onServices?: (postgres: Postgres, redis: Redis) => void;
}

const DATABASE = 'n8n';

export class QueueStack {
	postgres?: Postgres;
	redis?: Redis;
	cluster?: QueueCluster;
	data?: N8nData;
	runtime?: Runtime;
	pack?: PackResult;

	constructor(private readonly options: StackOptions) {}

	/** Resolves when the main and every worker are ready. */
	async start(): Promise<{ cluster: QueueCluster; data: N8nData; runtime: Runtime; pack: PackResult; postgres: Postgres; redis: Redis }> {
		const { options } = this;
		const [binaries, runtime, pack] = await Promise.all([ensureServerBinaries(), ensureRuntime(), packPackage(repoRoot, options.workDir)]);
		this.runtime = runtime;
		this.pack = pack;
		const [postgres, redis] = await Promise.all([
			Postgres.start(binaries.postgresBin, path.join(options.logsDir, 'postgres.log')).then((p) => (this.postgres = p)),
			Redis.start(binaries.redisServer, path.join(options.logsDir, 'redis.log')).then((r) => (this.redis = r)),
		]);
		registerSecrets(postgres.connection.password, redis.password);
		await postgres.createDatabase(DATABASE);
		options.onServices?.(postgres, redis);
		const cluster = new QueueCluster({
			runtime,
			pack,
			workDir: options.workDir,
			logsDir: options.logsDir,
			postgres,
			database: DATABASE,
			redis,
			workers: options.workers ?? 2,
			scheduler: options.scheduler,
			encryptionKey: options.encryptionKey,
			mainPort: options.mainPort,
		});
		this.cluster = cluster;
		registerSecrets(cluster.encryptionKey);
		this.data = new N8nData(runtime.n8nHost, postgres, DATABASE, redis);
		await cluster.start();
		return { cluster, data: this.data, runtime, pack, postgres, redis };
	}

	async stop(): Promise<void> {
		await this.data?.close();
		await this.cluster?.stop().catch(() => undefined);
		await this.redis?.stop().catch(() => undefined);
		await this.postgres?.stop().catch(() => undefined);
	}
}
