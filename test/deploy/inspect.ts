// Reads n8n's own records: executions and the durable scheduler's tables in Postgres, Bull's jobs in Redis.
// It uses the `pg` and `ioredis` copies inside the installed n8n, so the test adds no dependency of its own.
import { createRequire } from 'module';
import path from 'path';

import type { Postgres } from './services/postgres';
import type { Redis } from './services/redis';

interface PgClient {
	connect(): Promise<void>;
	query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: T[] }>;
	end(): Promise<void>;
}
interface RedisClient {
	scan(cursor: string, ...args: Array<string | number>): Promise<[string, string[]]>;
	hmget(key: string, ...fields: string[]): Promise<Array<string | null>>;
	quit(): Promise<unknown>;
}

export interface ExecutionRow {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished: boolean;
	retryOf: string | null;
	createdAt: Date;
}

/** A Bull job as n8n leaves it in Redis: which execution, and the worker that reported on it last. */
export interface JobRecord {
	jobId: string;
	executionId: string;
	/** The reporting worker's host id (`worker-…`), from the job's last progress message. */
	workerId?: string;
	progressKind?: string;
	finishedOn?: number;
	failedReason?: string;
}

export class N8nData {
	private pg?: PgClient;
	private redis?: RedisClient;

	constructor(
		private readonly n8nHost: string,
		private readonly postgres: Postgres,
		private readonly database: string,
		private readonly redisServer: Redis,
		private readonly redisDb = 0,
	) {}

	private require(): NodeJS.Require {
		return createRequire(path.join(this.n8nHost, 'node_modules', 'n8n', 'package.json'));
	}

	private async db(): Promise<PgClient> {
		if (!this.pg) {
			const { Client } = this.require()('pg') as { Client: new (config: Record<string, unknown>) => PgClient };
			const { host, port, user, password } = this.postgres.connection;
			const client = new Client({ host, port, user, password, database: this.database });
			await client.connect();
			this.pg = client;
		}
		return this.pg;
	}

	private kv(): RedisClient {
		if (!this.redis) {
			const IORedis = this.require()('ioredis') as new (options: Record<string, unknown>) => RedisClient;
			this.redis = new IORedis({ host: '127.0.0.1', port: this.redisServer.port, password: this.redisServer.password, db: this.redisDb, lazyConnect: false });
		}
		return this.redis;
	}

	async query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]> {
		return (await (await this.db()).query<T>(text, values)).rows;
	}

	async executions(workflowId: string): Promise<ExecutionRow[]> {
		return await this.query<ExecutionRow>(
			'SELECT id::text AS id, "workflowId", mode, status, finished, "retryOf", "createdAt" FROM execution_entity WHERE "workflowId" = $1 ORDER BY id::int',
			[workflowId],
		);
	}

	async count(table: string, where = 'TRUE', values: unknown[] = []): Promise<number> {
		const [row] = await this.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table} WHERE ${where}`, values);
		return Number(row.n);
	}

	/** Every Bull job still in Redis (n8n is told to keep finished ones), by execution id. */
	async jobs(): Promise<Map<string, JobRecord[]>> {
		const redis = this.kv();
		const byExecution = new Map<string, JobRecord[]>();
		let cursor = '0';
		do {
			const [next, keys] = await redis.scan(cursor, 'MATCH', '*:jobs:*', 'COUNT', 1000);
			cursor = next;
			for (const key of keys) {
				const jobId = key.slice(key.lastIndexOf(':') + 1);
				if (!/^\d+$/.test(jobId)) continue;
				const [data, progress, finishedOn, failedReason] = await redis.hmget(key, 'data', 'progress', 'finishedOn', 'failedReason');
				if (!data) continue;
				const executionId = String((JSON.parse(data) as { executionId?: unknown }).executionId ?? '');
				let parsed: { workerId?: string; kind?: string } = {};
				try {
					parsed = progress ? (JSON.parse(progress) as typeof parsed) : {};
				} catch {
					// Progress can be a plain number in Bull; n8n always sends objects.
				}
				const record: JobRecord = {
					jobId,
					executionId,
					workerId: parsed.workerId,
					progressKind: parsed.kind,
					finishedOn: finishedOn ? Number(finishedOn) : undefined,
					failedReason: failedReason ?? undefined,
				};
				byExecution.set(executionId, [...(byExecution.get(executionId) ?? []), record]);
			}
		} while (cursor !== '0');
		return byExecution;
	}

	async close(): Promise<void> {
		await this.pg?.end().catch(() => undefined);
		await this.redis?.quit().catch(() => undefined);
		this.pg = undefined;
		this.redis = undefined;
	}
}
