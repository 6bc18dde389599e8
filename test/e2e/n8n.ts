// One n8n instance: a private user folder with the package installed, the CLI (import, execute, publish)
// and the server. Everything binds to 127.0.0.1 on ports picked free at start.
import type { ChildProcess } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import net from 'net';
import path from 'path';

import type { Runtime } from './env';
import { kill, run, start, stop, type RunResult } from './proc';

/** A port nobody listens on right now (the OS picks it; the tiny race is acceptable for tests). */
export async function freePort(preferred?: number): Promise<number> {
	const tryListen = (port: number) =>
		new Promise<number | undefined>((resolve) => {
			const server = net.createServer();
			server.once('error', () => resolve(undefined));
			server.listen(port, '127.0.0.1', () => {
				const address = server.address();
				const chosen = typeof address === 'object' && address ? address.port : undefined;
				server.close(() => resolve(chosen));
			});
		});
	if (preferred) {
		const ok = await tryListen(preferred);
		if (ok) return ok;
	}
	const port = await tryListen(0);
	if (!port) throw new Error('no free port on 127.0.0.1');
	return port;
}

/**
 * `count` distinct free ports: all are held open together while the OS picks them, so two calls in a row cannot
 * hand out the same port (one freePort() after another can).
 */
export async function freePorts(count: number): Promise<number[]> {
	const servers = await Promise.all(
		Array.from(
			{ length: count },
			() =>
				new Promise<net.Server>((resolve, reject) => {
					const server = net.createServer();
					server.once('error', reject);
					server.listen(0, '127.0.0.1', () => resolve(server));
				}),
		),
	);
	const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
	await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
	return ports;
}

export interface N8nOptions {
	/** Becomes N8N_USER_FOLDER; n8n keeps its database and settings in <userFolder>/.n8n. */
	userFolder: string;
	encryptionKey?: string;
	/** Server log (the CLI's output goes to its own files). */
	logFile: string;
	extraEnv?: NodeJS.ProcessEnv;
}

export interface ExecutionResult {
	status: string;
	/** runData[node][run].data.main[output][item].json, as n8n reports it. */
	runData: Record<string, Array<Record<string, unknown>>>;
	/** Input items of the nodes still on the execution's stack (an execution that never ran: its trigger's items). */
	stackItems?: Record<string, Array<Record<string, unknown>>>;
	error?: { message?: string; description?: string; [key: string]: unknown };
	raw: Record<string, unknown>;
}

export class N8n {
	readonly encryptionKey: string;
	port = 0;
	private brokerPort = 0;
	private server?: ChildProcess;
	private serverExited?: Promise<number | null>;

	constructor(
		readonly runtime: Runtime,
		readonly options: N8nOptions,
	) {
		this.encryptionKey = options.encryptionKey ?? crypto.randomBytes(24).toString('hex');
		fs.mkdirSync(this.nodesDir, { recursive: true });
	}

	get dotN8n(): string {
		return path.join(this.options.userFolder, '.n8n');
	}

	/** Where n8n scans for community packages (n8n-nodes-*), exactly as for a user's install. */
	get nodesDir(): string {
		return path.join(this.dotN8n, 'nodes', 'node_modules');
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
		return {
			...this.runtime.env,
			N8N_USER_FOLDER: this.options.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			DB_TYPE: 'sqlite',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			// Quiet and offline: no telemetry, templates, banners or version checks.
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			// The sandbox is on 127.0.0.1, which n8n's SSRF guard would block if enabled.
			N8N_SSRF_PROTECTION_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_REINSTALL_MISSING_PACKAGES: 'false',
			// The verified-package catalogue lives on api.n8n.io; offline it only adds errors to the log.
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			// The task broker has a fixed default port (5679); each process gets its own free one.
			...(this.brokerPort ? { N8N_RUNNERS_BROKER_PORT: String(this.brokerPort) } : {}),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			N8N_LOG_LEVEL: 'info',
			...(this.port
				? { N8N_PORT: String(this.port), N8N_EDITOR_BASE_URL: this.baseUrl, N8N_WEBHOOK_URL: `${this.baseUrl}/` }
				: {}),
			...this.options.extraEnv,
			...extra,
		};
	}

	/** Runs an n8n CLI command; its output is appended to <logsDir>/cli.log. */
	async cli(args: string[], options: { timeoutMs?: number } = {}): Promise<RunResult> {
		const brokerPort = await freePort();
		const logFile = this.options.logFile.replace(/\.log$/, '') + '-cli.log';
		fs.appendFileSync(logFile, `\n$ n8n ${args.join(' ')}\n`);
		const started = Date.now();
		const result = await run(this.runtime.node, [this.runtime.n8nBin, ...args], {
			cwd: this.options.userFolder,
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort) }),
			teeFile: logFile,
			timeoutMs: options.timeoutMs ?? 120_000,
		});
		fs.appendFileSync(logFile, `[exit ${result.code} after ${((Date.now() - started) / 1000).toFixed(1)} s]\n`);
		return result;
	}

	private async cliOk(args: string[]): Promise<RunResult> {
		const result = await this.cli(args);
		if (result.code !== 0) {
			const tail = (result.stdout + result.stderr).split('\n').slice(-20).join('\n');
			throw new Error(`n8n ${args[0]} failed (${result.code}):\n${tail}`);
		}
		return result;
	}

	/** Imports credentials; `data` given as plain objects is encrypted with the instance key on import. */
	async importCredentials(credentials: unknown[], scratchDir: string): Promise<void> {
		const file = path.join(scratchDir, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
		try {
			await this.cliOk(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** Imports a file holding one workflow or an array of them, with one CLI call. */
	async importWorkflowFile(file: string): Promise<void> {
		await this.cliOk(['import:workflow', `--input=${file}`]);
	}

	/** `n8n execute --id`: runs a Manual Trigger workflow in a fresh CLI process. */
	async execute(workflowId: string): Promise<ExecutionResult> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		return parseExecuteOutput(result.stdout, result.code);
	}

	/** 2.x's activation from the CLI (only while the server is stopped). */
	async publish(workflowId: string): Promise<void> {
		await this.cliOk(['publish:workflow', `--id=${workflowId}`]);
	}

	async startServer(preferredPort?: number): Promise<void> {
		this.port = await freePort(preferredPort);
		// Distinct from the server's port even when the OS would hand the same free port out twice.
		this.brokerPort = (await freePorts(2)).find((p) => p !== this.port)!;
		const server = start('n8n', this.runtime.node, [this.runtime.n8nBin, 'start'], {
			cwd: this.options.userFolder,
			env: this.env(),
			logFile: this.options.logFile,
		});
		this.server = server;
		this.serverExited = new Promise((resolve) => server.once('close', (code) => resolve(code)));
		const readyTimeoutMs = 420_000;
		const deadline = Date.now() + readyTimeoutMs;
		for (;;) {
			const exitCode = await Promise.race([this.serverExited, sleep(250).then(() => 'running' as const)]);
			if (exitCode !== 'running') throw new Error(`n8n exited (${exitCode}) during start; see ${this.options.logFile}`);
			try {
				const response = await fetch(`${this.baseUrl}/healthz/readiness`);
				// n8n 1.x reports ready before its REST routes exist; the login route (401 without a session) shows they do.
				if (response.ok && (await fetch(`${this.baseUrl}/rest/login`)).status !== 404) return;
			} catch {
				// Not listening yet.
			}
			if (Date.now() > deadline) throw new Error(`n8n not ready after ${readyTimeoutMs / 1000} s; see ${this.options.logFile}`);
		}
	}

	async stopServer(): Promise<void> {
		if (this.server) await stop(this.server, 10_000);
		this.server = undefined;
	}

	/** SIGKILL to the server and its task runner, as a crash would (the deploy tier); stopServer() stops cleanly. */
	async killServer(): Promise<void> {
		if (this.server) await kill(this.server);
		this.server = undefined;
	}

	serverLog(): string {
		try {
			return fs.readFileSync(this.options.logFile, 'utf8');
		} catch {
			return '';
		}
	}
}

/** `execute --rawOutput` prints log lines first, then the result as pretty JSON starting with a line "{". */
export function parseExecuteOutput(stdout: string, code: number): ExecutionResult {
	const start = stdout.search(/^\{$/m);
	if (start < 0) {
		return {
			status: `no result (exit ${code})`,
			runData: {},
			error: { message: stdout.split('\n').slice(-15).join('\n') },
			raw: {},
		};
	}
	// Log lines may also follow the JSON; the top-level object ends at the first line that is exactly "}".
	const rest = stdout.slice(start);
	const end = rest.search(/^\}$/m);
	const raw = JSON.parse(end >= 0 ? rest.slice(0, end + 1) : rest) as Record<string, unknown>;
	const data = (raw.data ?? raw) as { resultData?: { runData?: ExecutionResult['runData']; error?: ExecutionResult['error'] } };
	return {
		status: String(raw.status ?? (code === 0 ? 'success' : 'error')),
		runData: data.resultData?.runData ?? {},
		error: data.resultData?.error,
		raw,
	};
}

/** The items (json) a node produced in its first run, first output. */
export function nodeItems(result: Pick<ExecutionResult, 'runData'>, node: string, output = 0, runIndex = 0): Array<Record<string, unknown>> {
	const runs = result.runData[node] as Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }> | undefined;
	const items = runs?.[runIndex]?.data?.main?.[output] ?? [];
	return items.map((item) => item.json);
}

/** What n8n keeps of a binary field in an execution: metadata, plus an `id` (filesystem or database mode) or inline `data`. */
export interface BinaryMeta {
	fileName?: string;
	mimeType?: string;
	fileSize?: string;
	fileExtension?: string;
	id?: string;
	data?: string;
}

/** The binary field `field` of each output item of `node`'s first run. */
export function nodeBinaries(result: Pick<ExecutionResult, 'runData'>, node: string, field: string): Array<BinaryMeta | undefined> {
	const runs = result.runData[node] as Array<{ data?: { main?: Array<Array<{ binary?: Record<string, BinaryMeta> }> | null> } }> | undefined;
	return (runs?.[0]?.data?.main?.[0] ?? []).map((item) => item.binary?.[field]);
}

/** Where n8n stored a file: in the item (`default` mode) or in a store the id names (`filesystem-v2:…`, `database:…`). */
export function storedIn(binary: BinaryMeta): string {
	return binary.id ? binary.id.split(':')[0] : 'item';
}

/** The error a node reported in its first run, if any. */
export function nodeError(result: Pick<ExecutionResult, 'runData'>, node: string): string | undefined {
	const runs = result.runData[node] as Array<{ error?: { message?: string; description?: string } }> | undefined;
	const error = runs?.[0]?.error;
	return error ? `${error.message ?? ''}${error.description ? ` — ${error.description}` : ''}` : undefined;
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
