// The local Harvest sandbox as a child process (the same way `npm run sandbox` starts it), plus a small
// client for its admin API. Tests assert against the sandbox's own state through it, not only node output.
import type { ChildProcess } from 'child_process';
import path from 'path';

import { start, stop } from './proc';
import { repoRoot } from './paths';

export interface SandboxInfo {
	/** API base, http://127.0.0.1:PORT/v2 */
	url: string;
	/** Harvest ID origin (accounts, OAuth) served by the same process. */
	idUrl: string;
	token: string;
	accountId: string | number;
	oauth?: { clientId: string; clientSecret: string };
	accounts?: Array<{ id: number; name: string; product?: string }>;
	[key: string]: unknown;
}

export interface SandboxOptions {
	port?: number;
	seed?: number;
	records?: number;
	logFile?: string;
	extraArgs?: string[];
}

export class Sandbox {
	private constructor(
		readonly info: SandboxInfo,
		private readonly child: ChildProcess,
	) {}

	static async start(options: SandboxOptions = {}): Promise<Sandbox> {
		const args = [
			// An override only for working on the harness itself while the sandbox changes.
			process.env.HARVESTAPP_E2E_SANDBOX_CLI || path.join(repoRoot, 'test', 'sandbox', 'cli.ts'),
			'--port',
			String(options.port ?? 0),
			'--seed',
			String(options.seed ?? 42),
			'--records',
			String(options.records ?? 1000),
			...(options.extraArgs ?? []),
		];
		let buffer = '';
		let resolveInfo: (info: SandboxInfo) => void = () => undefined;
		const ready = new Promise<SandboxInfo>((resolve) => (resolveInfo = resolve));
		const child = start('sandbox', path.join(repoRoot, 'node_modules', '.bin', 'tsx'), args, {
			cwd: repoRoot,
			logFile: options.logFile,
			// Its stdout is the one line with the token; only stderr (the sandbox's own log) is kept.
			logStdout: false,
			onStdout: (chunk) => {
				buffer += chunk;
				for (const line of buffer.split('\n')) {
					const trimmed = line.trim();
					if (!trimmed.startsWith('{')) continue;
					try {
						const parsed = JSON.parse(trimmed) as SandboxInfo;
						if (parsed.url && parsed.token) resolveInfo(parsed);
					} catch {
						// A partial line; wait for more.
					}
				}
			},
		});
		const exited = new Promise<never>((_, reject) =>
			child.once('close', (code) => reject(new Error(`sandbox exited (${code}) before printing its address`))),
		);
		const timeout = new Promise<never>((_, reject) =>
			setTimeout(() => reject(new Error('sandbox did not start within 60 s')), 60_000).unref(),
		);
		try {
			const info = await Promise.race([ready, exited, timeout]);
			return new Sandbox(info, child);
		} catch (error) {
			await stop(child);
			throw error;
		}
	}

	get origin(): string {
		return new URL(this.info.url).origin;
	}

	get port(): number {
		return Number(new URL(this.info.url).port);
	}

	async close(): Promise<void> {
		await stop(this.child);
	}

	/** A call to the admin API under /__sandbox. */
	async admin<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.origin}/__sandbox${route}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`sandbox admin ${method} ${route}: ${response.status} ${text.slice(0, 300)}`);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	/**
	 * The public API with the sandbox's own token: reads its state independently of n8n. It shares the
	 * account's rate limit with n8n, so a 429 is waited out like a well-behaved client would.
	 */
	async api<T = Record<string, unknown>>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
		for (let attempt = 0; ; attempt++) {
			const answer = await this.apiOnce<T>(method, route, body);
			if (answer.status !== 429 || attempt >= 10) return answer;
			const wait = Number(answer.retryAfter ?? 1);
			await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(wait, 0.2), 16) * 1000));
		}
	}

	private async apiOnce<T>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T; retryAfter?: string }> {
		const response = await fetch(`${this.info.url}${route}`, {
			method,
			headers: {
				authorization: `Bearer ${this.info.token}`,
				'harvest-account-id': String(this.info.accountId),
				'user-agent': 'n8n-nodes-harvestapp e2e (tests)',
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let parsed: unknown = undefined;
		try {
			parsed = text ? JSON.parse(text) : {};
		} catch {
			parsed = { raw: text };
		}
		return { status: response.status, body: parsed as T, retryAfter: response.headers.get('retry-after') ?? undefined };
	}

	async get<T = Record<string, unknown>>(route: string): Promise<T> {
		const response = await this.api<T>('GET', route);
		if (response.status !== 200) throw new Error(`sandbox GET ${route}: ${response.status} ${JSON.stringify(response.body)}`);
		return response.body;
	}

	/** Requests the sandbox received, oldest first (its request log). */
	async requests(): Promise<SandboxRequest[]> {
		const result = await this.admin<SandboxRequest[] | { requests: SandboxRequest[] }>('GET', '/requests');
		return Array.isArray(result) ? result : result.requests;
	}

	async clearRequests(): Promise<void> {
		await this.admin('DELETE', '/requests');
	}

	async mutate(resource: string, action: 'create' | 'update' | 'delete', fields?: Record<string, unknown>, id?: number) {
		return this.admin<Record<string, unknown>>('POST', '/mutate', { resource, action, id, fields });
	}
}

export interface SandboxRequest {
	method: string;
	path: string;
	query?: Record<string, unknown>;
	status?: number;
	accountId?: number | null;
	[key: string]: unknown;
}
