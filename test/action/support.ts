/**
 * Runs the Harvest App node the way n8n does (execute → router → operation → transport) inside jest, against
 * nock or the sandbox, and collects what it sent.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { HarvestApp } from '../../nodes/HarvestApp/HarvestApp.node';
import { resetBudgets } from '../../nodes/shared/transport/governor';
import {
	createExecuteContext,
	createLoadOptionsContext,
	sandboxCredentials,
	type CredentialData,
	type TestExecuteContext,
	type TestLoadOptionsContext,
} from '../helpers/context';
import { startSandbox, type AccountStore, type Sandbox, type SandboxOptions } from '../sandbox';

export const API = 'https://api.harvestapp.com';
export const TOKEN = 'pat-action-token-0123456789abcdef';
export const ACCOUNT = '424242';
export const nockCredentials: CredentialData = {
	harvestAppApi: { accessToken: TOKEN, accountId: ACCOUNT, baseUrl: `${API}/v2` },
};

export const node = new HarvestApp();

export interface RunOptions {
	credentials?: CredentialData;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
}

export interface RunResult {
	items: INodeExecutionData[];
	ctx: TestExecuteContext;
}

/** Parameters for one item (or per item), with the connection defaults n8n would fill in. */
export function prepare(
	parameters: IDataObject | ((itemIndex: number) => IDataObject),
	options: RunOptions = {},
): TestExecuteContext {
	resetBudgets();
	const withDefaults = (i: number): IDataObject => ({
		authentication: 'accessToken',
		accountId: '',
		...(typeof parameters === 'function' ? parameters(i) : parameters),
	});
	return createExecuteContext({
		nodeType: node,
		parameters: withDefaults,
		items: options.items,
		continueOnFail: options.continueOnFail,
		credentials: options.credentials ?? nockCredentials,
	});
}

export async function run(
	parameters: IDataObject | ((itemIndex: number) => IDataObject),
	options: RunOptions = {},
): Promise<RunResult> {
	const ctx = prepare(parameters, options);
	const [items] = await node.execute.call(ctx);
	return { items, ctx };
}

/** Runs parameters that must be refused: the error, and every request sent on the way (should be none). */
export async function refusal(
	parameters: IDataObject | ((itemIndex: number) => IDataObject),
	options: RunOptions = {},
): Promise<{ error: Error & IDataObject; sent: TestExecuteContext['sent'] }> {
	const ctx = prepare(parameters, options);
	const error = await failureOf(node.execute.call(ctx));
	return { error, sent: ctx.sent };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function failureOf(promise: Promise<unknown>): Promise<Error & IDataObject> {
	try {
		await promise;
	} catch (error) {
		return error as Error & IDataObject;
	}
	throw new Error('Expected a failure, but the call succeeded');
}

/** A resource-locator value as the editor stores it. */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
export const byUrl = (value: string) => ({ __rl: true, mode: 'url', value });
export const fromList = (value: string | number) => ({ __rl: true, mode: 'list', value: String(value) });

/** A sandbox for action tests (rate limits off: the transport tests cover pacing) and credentials for it. */
export async function actionSandbox(options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; credentials: CredentialData }> {
	const sandbox = await startSandbox({ records: 200, rateLimits: false, ...options });
	return { sandbox, credentials: sandboxCredentials(sandbox) };
}

/** Requests the sandbox received since the log was last cleared, as "METHOD /path". */
export function received(sandbox: Sandbox): string[] {
	return sandbox.log.entries().map((e) => `${e.method} ${e.path}`);
}

/** One sandbox for a test file, with the node's runners bound to its credentials. */
export interface ActionSandbox {
	/** The running sandbox; set once the file's first `beforeAll` has run. */
	readonly sandbox: Sandbox;
	readonly credentials: CredentialData;
	/** The first account's data, to pick records from and check results against. */
	store(): AccountStore;
	run(parameters: IDataObject | ((itemIndex: number) => IDataObject), options?: RunOptions): Promise<RunResult>;
	refusal(
		parameters: IDataObject | ((itemIndex: number) => IDataObject),
		options?: RunOptions,
	): Promise<{ error: Error & IDataObject; sent: TestExecuteContext['sent'] }>;
	/** The output items' JSON. */
	exec(parameters: IDataObject, items?: INodeExecutionData[]): Promise<IDataObject[]>;
	/** The first output item's JSON. */
	one(parameters: IDataObject, items?: INodeExecutionData[]): Promise<IDataObject>;
	/** Requests received since the last test started (the log is cleared before each test). */
	received(): string[];
	/** A load-options context (list searches, option lists) with the node's connection parameters. */
	loadOptions(parameters?: IDataObject): TestLoadOptionsContext;
}

/**
 * Starts a sandbox before the file's tests, closes it after them and clears its request log and the rate
 * budgets before each test. Call it at the top of a test file; a later `beforeAll` already sees the sandbox.
 */
export function useActionSandbox(options: SandboxOptions = {}): ActionSandbox {
	let started: { sandbox: Sandbox; credentials: CredentialData } | undefined;
	const ready = () => {
		if (!started) throw new Error('The action sandbox is not running yet: use it inside tests or hooks');
		return started;
	};
	beforeAll(async () => {
		started = await actionSandbox(options);
	});
	afterAll(async () => await started?.sandbox.close());
	beforeEach(() => {
		ready().sandbox.log.clear();
		resetBudgets();
	});
	const withCredentials = (runOptions: RunOptions = {}): RunOptions => ({ credentials: ready().credentials, ...runOptions });
	const env: ActionSandbox = {
		get sandbox() {
			return ready().sandbox;
		},
		get credentials() {
			return ready().credentials;
		},
		store: () => ready().sandbox.store.account(),
		run: async (parameters, runOptions) => await run(parameters, withCredentials(runOptions)),
		refusal: async (parameters, runOptions) => await refusal(parameters, withCredentials(runOptions)),
		exec: async (parameters, items) => (await run(parameters, withCredentials({ items }))).items.map((i) => i.json),
		one: async (parameters, items) => (await env.exec(parameters, items))[0],
		received: () => received(ready().sandbox),
		loadOptions: (parameters = {}) =>
			createLoadOptionsContext({
				nodeType: node,
				credentials: ready().credentials,
				parameters: { authentication: 'accessToken', accountId: '', ...parameters },
			}),
	};
	return env;
}

/** A project the token owner may track time on, with an active task on it: what a user picks in the editor. */
export function trackable(store: AccountStore): { projectId: number; taskId: number } {
	const pair = store.userAssignments
		.all()
		.filter((ua) => ua.user_id === store.meId && ua.is_active && store.projects.get(ua.project_id)?.is_active)
		.map((ua) => ({ ua, ta: store.taskAssignments.find((ta) => ta.project_id === ua.project_id && ta.is_active && !!store.tasks.get(ta.task_id)?.is_active) }))
		.find((x) => x.ta);
	if (!pair) throw new Error('The sandbox seed has no project the token owner can track time on');
	return { projectId: pair.ua.project_id, taskId: pair.ta!.task_id };
}
