// The n8n editor's REST API, used the way the editor uses it: a logged-in owner session (cookie) that runs
// workflows manually, reads executions, loads node options and drives the OAuth2 flow. Much faster than
// starting an `n8n execute` process per workflow.
import { createRequire } from 'module';
import path from 'path';

import { sleep, type ExecutionResult } from './n8n';

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export const TEST_OWNER: Owner = {
	email: 'owner@example.com',
	firstName: 'Harvest',
	lastName: 'Tester',
	password: 'Harvest-e2e-1',
};

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	startedAt?: string;
	stoppedAt?: string;
}

export class Rest {
	private cookie = '';
	private readonly flatted: { parse: (text: string) => unknown };

	constructor(
		readonly baseUrl: string,
		n8nHost: string,
	) {
		// Executions come back serialised with `flatted`; use n8n's own copy so the format always matches.
		const requireFromN8n = createRequire(path.join(n8nHost, 'node_modules', 'n8n', 'package.json'));
		this.flatted = requireFromN8n('flatted') as { parse: (text: string) => unknown };
	}

	get authCookie(): string {
		return this.cookie;
	}

	async request<T = unknown>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T; headers: Headers }> {
		const response = await fetch(`${this.baseUrl}${route}`, {
			method,
			redirect: 'manual',
			headers: {
				...(this.cookie ? { cookie: this.cookie } : {}),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie?.() ?? [];
		const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			// Not JSON (HTML, redirects); keep the text.
		}
		return { status: response.status, body: parsed as T, headers: response.headers };
	}

	/** The REST envelope's `data`, or an error with n8n's message. */
	async call<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const response = await this.request<{ data?: T; message?: string }>(method, route, body);
		if (response.status >= 400) {
			const message = typeof response.body === 'object' && response.body ? response.body.message : String(response.body);
			throw new Error(`n8n ${method} ${route}: ${response.status} ${String(message).slice(0, 400)}`);
		}
		return (response.body as { data?: T })?.data as T;
	}

	/** First run: create the owner; afterwards: log in. Either way the session cookie is kept. */
	async setupOwnerOrLogin(owner: Owner = TEST_OWNER): Promise<void> {
		const setup = await this.request('POST', '/rest/owner/setup', owner);
		if (setup.status === 200) return;
		await this.call('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}

	/** A manual ("editor") run of a saved workflow, starting at the given trigger node. */
	async runWorkflow(workflowId: string, triggerName: string): Promise<string> {
		const workflow = await this.call<Record<string, unknown>>('GET', `/rest/workflows/${workflowId}`);
		const data = await this.call<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/rest/workflows/${workflowId}/run`,
			{ workflowData: workflow, triggerToStartFrom: { name: triggerName } },
		);
		if (!data?.executionId) throw new Error(`n8n did not start workflow ${workflowId}: ${JSON.stringify(data)}`);
		return data.executionId;
	}

	/** Waits until an execution has finished and returns its run data. */
	async waitForExecution(executionId: string, timeoutMs = 60_000): Promise<ExecutionResult> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.call<Record<string, unknown> | undefined>('GET', `/rest/executions/${executionId}`);
			const status = String(execution?.status ?? '');
			if (execution && ['success', 'error', 'crashed', 'canceled'].includes(status)) {
				// n8n 1.x can report an execution finished a moment before it has saved the run data.
				const data = typeof execution.data === 'string' ? this.flatted.parse(execution.data) : execution.data;
				if (status === 'crashed' || (data as { resultData?: unknown } | undefined)?.resultData) return this.toResult(execution);
			}
			if (Date.now() > deadline) throw new Error(`execution ${executionId} still ${status || 'unknown'} after ${timeoutMs} ms`);
			await sleep(150);
		}
	}

	async runAndWait(workflowId: string, triggerName = 'Start', timeoutMs?: number): Promise<ExecutionResult> {
		return this.waitForExecution(await this.runWorkflow(workflowId, triggerName), timeoutMs);
	}

	toResult(execution: Record<string, unknown>): ExecutionResult {
		const data = (typeof execution.data === 'string' ? this.flatted.parse(execution.data) : execution.data) as {
			resultData?: { runData?: ExecutionResult['runData']; error?: ExecutionResult['error'] };
			executionData?: { nodeExecutionStack?: Array<{ node?: { name?: string }; data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }> };
		};
		const stackItems: Record<string, Array<Record<string, unknown>>> = {};
		for (const entry of data?.executionData?.nodeExecutionStack ?? []) {
			const name = entry.node?.name;
			if (name) stackItems[name] = [...(stackItems[name] ?? []), ...(entry.data?.main?.[0] ?? []).map((item) => item.json)];
		}
		return {
			status: String(execution.status),
			runData: data?.resultData?.runData ?? {},
			stackItems,
			error: data?.resultData?.error,
			raw: execution,
		};
	}

	/** Executions of a workflow, newest first (summaries only). */
	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const data = await this.call<{ results: ExecutionSummary[] }>('GET', `/rest/executions?filter=${filter}&limit=100`);
		return data.results;
	}

	async execution(id: string): Promise<ExecutionResult> {
		return this.toResult(await this.call<Record<string, unknown>>('GET', `/rest/executions/${id}`));
	}
}
