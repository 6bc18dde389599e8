import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import { createHash } from 'crypto';

import {
	apiBaseUrl,
	credentialTypeFor,
	idBaseUrl,
	isProblem,
	resolveApiUrl,
	USER_AGENT,
	type Checked,
} from './connection';
import { describeFailure } from './errors';
import { acquireSlot, budgetFor } from './governor';
import { decideRetry, DEFAULT_RETRY_AFTER_MS, MAX_RETRY_AFTER_MS, parseRetryAfter, type Failure } from './retry';

export type HarvestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface HarvestRequest {
	method: IHttpRequestMethods & ('GET' | 'POST' | 'PATCH' | 'DELETE');
	/** Below the API base (e.g. `/clients/42`), or an absolute URL on the configured API host. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | FormData;
	itemIndex?: number;
}

export interface HarvestResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: IDataObject;
}

export interface HarvestListRequest {
	path: string;
	/** Property of the response envelope that holds the records, from the catalogue. */
	listKey: string;
	qs?: IDataObject;
	/** Stop after this many records; undefined or 0 reads every page. */
	limit?: number;
	itemIndex?: number;
}

export interface HarvestPage {
	records: IDataObject[];
	envelope: IDataObject;
	headers: Record<string, string>;
}

export interface HarvestAccount {
	id: number;
	name: string;
	product: string;
}

/** Harvest's largest page. */
export const MAX_PER_PAGE = 2000;
export const REQUEST_TIMEOUT_MS = 60_000;

/** Time source of the transport; tests swap it for a fake clock instead of waiting. */
export const transportClock = {
	now: (): number => Date.now(),
	sleep: async (ms: number): Promise<void> => await sleep(ms),
	random: (): number => Math.random(),
};

interface Connection {
	credentialType: string;
	apiBase: URL;
	accountId: string;
	/** Values that must never appear in a message. */
	secrets: string[];
}

function isExecuteContext(ctx: HarvestContext): ctx is IExecuteFunctions {
	return typeof (ctx as IExecuteFunctions).getInputData === 'function';
}

function readParameter(ctx: HarvestContext, name: string, itemIndex: number, fallback: unknown): unknown {
	if (isExecuteContext(ctx)) return ctx.getNodeParameter(name, itemIndex, fallback);
	const loadOptions = ctx as ILoadOptionsFunctions;
	if (typeof loadOptions.getCurrentNodeParameter === 'function') {
		const current = loadOptions.getCurrentNodeParameter(name);
		if (current !== undefined) return current;
	}
	return (ctx as IPollFunctions).getNodeParameter(name, fallback);
}

/** Unwraps a checked value, or refuses with a NodeOperationError before anything is sent. */
function accept<T>(ctx: HarvestContext, checked: Checked<T>, itemIndex?: number): T {
	if (isProblem(checked)) {
		throw new NodeOperationError(ctx.getNode(), checked.problem, { description: checked.description, itemIndex });
	}
	return checked.value;
}

function chooseCredentialType(ctx: HarvestContext, authentication: string, itemIndex?: number): string {
	const credentialType = credentialTypeFor(authentication);
	if (!credentialType) {
		throw new NodeOperationError(ctx.getNode(), `Unknown authentication "${authentication}"`, { itemIndex });
	}
	return credentialType;
}

const connections = new WeakMap<object, Map<string, Promise<Connection>>>();

/** Credential, API base and account for one execution; looked up once per context and account choice. */
async function connect(ctx: HarvestContext, itemIndex = 0): Promise<Connection> {
	const authentication = String(readParameter(ctx, 'authentication', itemIndex, 'accessToken'));
	const chosenAccount = String(readParameter(ctx, 'accountId', itemIndex, '') ?? '').trim();
	const key = `${authentication}|${chosenAccount}`;
	let perContext = connections.get(ctx);
	if (!perContext) connections.set(ctx, (perContext = new Map()));
	let pending = perContext.get(key);
	if (!pending) {
		pending = openConnection(ctx, authentication, chosenAccount, itemIndex);
		perContext.set(key, pending);
		pending.catch(() => perContext?.delete(key));
	}
	return await pending;
}

async function openConnection(
	ctx: HarvestContext,
	authentication: string,
	chosenAccount: string,
	itemIndex: number,
): Promise<Connection> {
	const credentialType = chooseCredentialType(ctx, authentication, itemIndex);
	const credentials = isExecuteContext(ctx)
		? await ctx.getCredentials(credentialType, itemIndex)
		: await ctx.getCredentials(credentialType);
	const apiBase = accept(ctx, apiBaseUrl(credentials), itemIndex);
	const connection: Connection = { credentialType, apiBase, accountId: '', secrets: secretsOf(credentials) };

	let accountId = chosenAccount || String(credentials.accountId ?? '').trim();
	const cacheKey = accountCacheKey(credentialType, apiBase, credentials);
	if (!accountId) accountId = cachedAccount(cacheKey) ?? '';
	if (!accountId) {
		const accounts = await listAccounts(ctx, connection, itemIndex);
		if (accounts.length !== 1) {
			throw new NodeOperationError(ctx.getNode(), 'Choose the Harvest account to use', {
				itemIndex,
				description:
					accounts.length === 0
						? 'The token reaches no Harvest account.'
						: `The token reaches ${accounts.length} Harvest accounts (${accounts
								.map((a) => `${a.name}: ${a.id}`)
								.join(', ')}). Pick one in the node's "Account" field or set the Account ID in the credential.`,
			});
		}
		accountId = String(accounts[0].id);
		rememberAccount(cacheKey, accountId);
	}
	if (!/^\d+$/.test(accountId)) {
		throw new NodeOperationError(ctx.getNode(), `The Harvest account ID "${accountId}" is not a number`, {
			itemIndex,
			description: 'Harvest account IDs are numbers, shown next to the token at https://id.getharvest.com/developers.',
		});
	}
	connection.accountId = accountId;
	return connection;
}

/**
 * When neither the node nor the credential names an account, the one account the token reaches is looked up
 * once and remembered for a while, so a trigger does not pay an extra request on every poll. Keyed by a hash
 * of the token, so another token never reuses the answer; only a speed-up, never needed for correctness.
 */
const ACCOUNT_CACHE_MS = 10 * 60_000;
const accountCache = new Map<string, { accountId: string; until: number }>();

function accountCacheKey(credentialType: string, apiBase: URL, credentials: IDataObject): string {
	const token = String(
		((credentials.oauthTokenData ?? {}) as IDataObject).access_token ?? credentials.accessToken ?? '',
	);
	return `${credentialType}|${apiBase.origin}|${createHash('sha256').update(token).digest('hex')}`;
}

function cachedAccount(key: string): string | undefined {
	const hit = accountCache.get(key);
	if (hit && hit.until > transportClock.now()) return hit.accountId;
	accountCache.delete(key);
	return undefined;
}

function rememberAccount(key: string, accountId: string): void {
	accountCache.set(key, { accountId, until: transportClock.now() + ACCOUNT_CACHE_MS });
}

/** Tests start every case without remembered accounts. */
export function forgetAccounts(): void {
	accountCache.clear();
}

function cancelSignal(ctx: HarvestContext): AbortSignal | undefined {
	const withSignal = ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return typeof withSignal.getExecutionCancelSignal === 'function' ? withSignal.getExecutionCancelSignal() : undefined;
}

function cancelledError(ctx: HarvestContext, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), 'The execution was cancelled while waiting for Harvest', { itemIndex });
}

/** Waits for the governor or a retry, but not past a cancelled execution (reports can wait 15 minutes). */
async function pause(ctx: HarvestContext, ms: number, signal: AbortSignal | undefined, itemIndex?: number): Promise<void> {
	if (signal?.aborted) throw cancelledError(ctx, itemIndex);
	if (!signal) return await transportClock.sleep(ms);
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<void>((resolve) => {
		onAbort = () => resolve();
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([transportClock.sleep(ms), aborted]);
	} finally {
		if (onAbort) signal.removeEventListener('abort', onAbort);
	}
	if (signal.aborted) throw cancelledError(ctx, itemIndex);
}

function secretsOf(credentials: IDataObject): string[] {
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	return [credentials.accessToken, credentials.clientSecret, tokenData.access_token, tokenData.refresh_token].filter(
		(value): value is string => typeof value === 'string' && value.length >= 6,
	);
}

async function currentSecrets(ctx: HarvestContext, connection: Connection, itemIndex?: number): Promise<string[]> {
	try {
		const credentials = isExecuteContext(ctx)
			? await ctx.getCredentials(connection.credentialType, itemIndex ?? 0)
			: await ctx.getCredentials(connection.credentialType);
		return secretsOf(credentials);
	} catch {
		return [];
	}
}

function scrub(text: string, secrets: string[]): string {
	return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

function headerMap(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [name, value] of Object.entries(headers as IDataObject)) {
			if (value !== undefined && value !== null) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
		}
	}
	return out;
}

type Outcome =
	| { failure: Failure; body?: unknown; location?: string }
	/** The execution was cancelled: stop at once. */
	| { cancelled: true }
	/** Not an HTTP or socket failure (e.g. n8n asks to reconnect the credential): never retried. */
	| { foreign: Error };

/** Socket-level failures: nothing usable came back, so a read may be tried again. */
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ENETDOWN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const CANCEL_CODES = new Set(['ERR_CANCELED', 'ABORT_ERR']);

/**
 * Pulls status, headers and body out of whatever n8n's HTTP helper threw (n8n wraps the axios error).
 * Errors that are neither an HTTP answer nor a socket failure (n8n asking to reconnect a credential, a
 * cancelled execution) are not Harvest's and are passed on untouched in meaning.
 */
function classify(error: unknown): Outcome {
	const err = error as IDataObject & { cause?: IDataObject };
	const response = ((err.cause?.response as IDataObject) ?? (err.response as IDataObject)) as IDataObject | undefined;
	const status = Number(response?.status ?? response?.statusCode ?? 0) || undefined;
	if (status) {
		const headers = headerMap(response?.headers);
		const serverNow = Date.parse(headers.date ?? '');
		const retryAfterMs = parseRetryAfter(
			headers['retry-after'],
			Number.isNaN(serverNow) ? transportClock.now() : serverNow,
		);
		return {
			failure: { kind: 'status', status, retryAfterMs },
			body: response?.data ?? response?.body,
			location: headers.location,
		};
	}
	const code = String(err.cause?.code ?? err.code ?? '');
	const name = String(err.cause?.name ?? err.name ?? '');
	if (CANCEL_CODES.has(code) || name === 'AbortError' || name === 'CanceledError') return { cancelled: true };
	const detail = [code, String(err.cause?.message ?? err.message ?? '')].filter(Boolean).join(': ').slice(0, 300);
	if (TIMEOUT_CODES.has(code)) return { failure: { kind: 'timeout', detail } };
	if (NETWORK_CODES.has(code) || (err.cause?.isAxiosError === true && !response) || err.isAxiosError === true) {
		return { failure: { kind: 'network', detail } };
	}
	return { foreign: (err.cause as unknown as Error | undefined) ?? (error as Error) };
}

function parseBody(body: unknown): IDataObject | undefined {
	if (body === undefined || body === null || body === '') return {};
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		if (body.trim() === '') return {};
		try {
			const parsed = JSON.parse(body) as unknown;
			return parsed && typeof parsed === 'object' ? (parsed as IDataObject) : undefined;
		} catch {
			return undefined;
		}
	}
	return typeof body === 'object' ? (body as IDataObject) : undefined;
}

interface SendOptions {
	method: HarvestRequest['method'];
	url: string;
	qs?: IDataObject;
	body?: IDataObject | FormData;
	itemIndex?: number;
	/** Harvest ID endpoints take no account header and are not under the API's rate limits. */
	harvestId?: boolean;
}

async function send(ctx: HarvestContext, connection: Connection, options: SendOptions): Promise<HarvestResponse> {
	const pathname = new URL(options.url).pathname;
	const isReport = !options.harvestId && pathname.startsWith(`${connection.apiBase.pathname}/reports/`);
	const budget = budgetFor(`${connection.apiBase.origin}|${connection.accountId}`);
	const headers: IDataObject = { 'User-Agent': USER_AGENT, Accept: 'application/json' };
	if (!options.harvestId) headers['Harvest-Account-Id'] = connection.accountId;

	const signal = cancelSignal(ctx);
	const clock = { now: transportClock.now, sleep: async (ms: number) => await pause(ctx, ms, signal, options.itemIndex) };

	for (let attempt = 1; ; attempt++) {
		if (!options.harvestId) await acquireSlot(budget, isReport, clock);
		const request: IHttpRequestOptions = {
			method: options.method,
			url: options.url,
			headers: { ...headers },
			json: true,
			returnFullResponse: true,
			timeout: REQUEST_TIMEOUT_MS,
			// Harvest never redirects API calls; following one could carry the token to another host.
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		};
		if (options.qs && Object.keys(options.qs).length) request.qs = options.qs;
		if (options.body !== undefined) request.body = options.body;

		let outcome: Outcome;
		try {
			const raw = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, connection.credentialType, request)) as IDataObject;
			const statusCode = Number(raw.statusCode ?? 200);
			const responseHeaders = headerMap(raw.headers);
			const body = parseBody(raw.body);
			if (statusCode >= 300) {
				outcome = { failure: { kind: 'status', status: statusCode }, body: raw.body, location: responseHeaders.location };
			} else if (body !== undefined) {
				return { statusCode, headers: responseHeaders, body };
			} else {
				outcome = { failure: { kind: 'malformed' } };
			}
		} catch (error) {
			outcome = classify(error);
		}

		if ('cancelled' in outcome) throw cancelledError(ctx, options.itemIndex);
		if ('foreign' in outcome) {
			const secrets = [...connection.secrets, ...(await currentSecrets(ctx, connection, options.itemIndex))];
			const message = scrub(outcome.foreign.message || 'The request could not be sent', secrets);
			const description = (outcome.foreign as { description?: unknown }).description;
			throw new NodeOperationError(ctx.getNode(), message, {
				description: typeof description === 'string' ? scrub(description, secrets) : undefined,
				itemIndex: options.itemIndex,
			});
		}
		const { failure } = outcome;
		const decision = decideRetry(options.method, failure, attempt, transportClock.random());
		const throttled = failure.kind === 'status' && failure.status === 429;
		if (throttled && !options.harvestId) {
			// Every request to this account waits, not only this one: Harvest counts them all. The wait is
			// the one decided (Retry-After, or a default when Harvest gave none), never longer than the cap.
			const pause = decision.retry ? decision.delayMs : Math.min(failure.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS, MAX_RETRY_AFTER_MS);
			const until = transportClock.now() + pause;
			budget.general.block(until);
			if (isReport) budget.reports.block(until);
		}
		if (decision.retry) {
			// A throttled request waits in the governor on its next attempt, together with its neighbours.
			if (!throttled || options.harvestId) await clock.sleep(decision.delayMs);
			continue;
		}
		const target = options.url.slice(connection.apiBase.origin.length + connection.apiBase.pathname.length);
		const problem = describeFailure(options.method, target, failure, outcome.body, connection.accountId, outcome.location);
		// n8n may have refreshed an OAuth token during this run: hide the current tokens too.
		const secrets = [...connection.secrets, ...(await currentSecrets(ctx, connection, options.itemIndex))];
		throw new NodeApiError(
			ctx.getNode(),
			{ message: scrub(problem.message, secrets), httpCode: problem.httpCode ?? null },
			{
				message: scrub(problem.message, secrets),
				description: scrub(problem.description, secrets),
				httpCode: problem.httpCode,
				itemIndex: options.itemIndex,
			},
		);
	}
}

function apiUrl(ctx: HarvestContext, connection: Connection, path: string, itemIndex?: number): string {
	return accept(ctx, resolveApiUrl(connection.apiBase, path), itemIndex);
}

/** One request; the parsed body, `{}` when Harvest answers with none (DELETE). */
export async function harvestRequest(this: HarvestContext, request: HarvestRequest): Promise<IDataObject> {
	return (await harvestRequestFull.call(this, request)).body;
}

export async function harvestRequestFull(this: HarvestContext, request: HarvestRequest): Promise<HarvestResponse> {
	const connection = await connect(this, request.itemIndex);
	const url = apiUrl(this, connection, request.path, request.itemIndex);
	return await send(this, connection, { ...request, url });
}

/**
 * Pages of a list, oldest request first. Asks for `min(limit, 2000)` records per page and follows Harvest's
 * `links.next` as given, which works for cursor and page-numbered lists alike, so N records cost
 * ceil(N / 2000) requests.
 */
export async function* harvestPages(this: HarvestContext, request: HarvestListRequest): AsyncGenerator<HarvestPage> {
	const limit = request.limit && request.limit > 0 ? Math.floor(request.limit) : Number.POSITIVE_INFINITY;
	const connection = await connect(this, request.itemIndex);
	let url = apiUrl(this, connection, request.path, request.itemIndex);
	const firstQuery: IDataObject = { ...request.qs, per_page: Math.min(limit, MAX_PER_PAGE) };
	let qs: IDataObject | undefined = firstQuery;
	let delivered = 0;
	for (;;) {
		const response = await send(this, connection, { method: 'GET', url, qs, itemIndex: request.itemIndex });
		const { [request.listKey]: records, ...envelope } = response.body;
		if (!Array.isArray(records)) {
			throw new NodeApiError(
				this.getNode(),
				{ message: `Harvest's answer has no "${request.listKey}" list` },
				{
					message: `Harvest's answer has no "${request.listKey}" list`,
					description: `The endpoint ${request.path} returned: ${Object.keys(response.body).join(', ') || 'nothing'}.`,
					itemIndex: request.itemIndex,
				},
			);
		}
		const wanted = limit - delivered;
		const page = records.length > wanted ? records.slice(0, wanted) : records;
		delivered += page.length;
		yield { records: page as IDataObject[], envelope, headers: response.headers };
		const next = (envelope.links as IDataObject | undefined)?.next;
		if (delivered >= limit || typeof next !== 'string' || next === '') return;
		url = withFirstQuery(apiUrl(this, connection, next, request.itemIndex), firstQuery);
		qs = undefined;
	}
}

/**
 * Harvest's docs do not say whether `links.next` repeats the filters of the first request. Adding back any
 * that it lacks keeps later pages filtered either way; keys it carries are left exactly as given.
 */
function withFirstQuery(url: string, firstQuery: IDataObject): string {
	const next = new URL(url);
	let changed = false;
	for (const [key, value] of Object.entries(firstQuery)) {
		if (value === undefined || value === null || value === '' || next.searchParams.has(key)) continue;
		next.searchParams.append(key, String(value));
		changed = true;
	}
	return changed ? next.toString() : url;
}

export async function harvestList(this: HarvestContext, request: HarvestListRequest): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	for await (const page of harvestPages.call(this, request)) all.push(...page.records);
	return all;
}

async function listAccounts(ctx: HarvestContext, connection: Connection, itemIndex?: number): Promise<HarvestAccount[]> {
	const response = await send(ctx, connection, {
		method: 'GET',
		url: `${idBaseUrl(connection.apiBase)}/api/v2/accounts`,
		itemIndex,
		harvestId: true,
	});
	const accounts = Array.isArray(response.body.accounts) ? (response.body.accounts as IDataObject[]) : [];
	return accounts
		.filter((account) => (account.product ?? 'harvest') === 'harvest')
		.map((account) => ({ id: Number(account.id), name: String(account.name ?? account.id), product: 'harvest' }));
}

/** The Harvest accounts the credential's token reaches (Forecast accounts left out). */
export async function harvestAccounts(this: HarvestContext): Promise<HarvestAccount[]> {
	const credentialType = chooseCredentialType(this, String(readParameter(this, 'authentication', 0, 'accessToken')));
	const credentials = await this.getCredentials(credentialType);
	const apiBase = accept(this, apiBaseUrl(credentials));
	return await listAccounts(this, { credentialType, apiBase, accountId: '', secrets: [] });
}
