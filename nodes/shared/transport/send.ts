import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { USER_AGENT } from './connection';
import { describeFailure } from './errors';
import { acquireSlot, budgetFor, throttled as shareThrottled } from './governor';
import { classify, headerMap, parseBody, type Outcome } from './outcome';
import { decideRetry, DEFAULT_RETRY_AFTER_MS, MAX_RETRY_AFTER_MS } from './retry';
import {
	isExecuteContext,
	REQUEST_TIMEOUT_MS,
	transportClock,
	type Connection,
	type HarvestContext,
	type HarvestRequest,
	type HarvestResponse,
} from './types';

export function cancelSignal(ctx: HarvestContext): AbortSignal | undefined {
	const withSignal = ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return typeof withSignal.getExecutionCancelSignal === 'function' ? withSignal.getExecutionCancelSignal() : undefined;
}

export function cancelledError(ctx: HarvestContext, itemIndex?: number): NodeOperationError {
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

/** Headers only the transport and the credential set (callers refuse them; this is the second lock). */
export const PROTECTED_HEADER = /^\s*(authorization|harvest-account-id|host)\s*$/i;

/** Harvest asked to pause past what this node waits for: nothing is sent until `until`. */
function closedAccountError(ctx: HarvestContext, until: number, itemIndex?: number): NodeApiError {
	const minutes = Math.ceil((until - transportClock.now()) / 60_000);
	const message = `Harvest asked to pause requests to this account for ${minutes} more minute${minutes === 1 ? '' : 's'}`;
	return new NodeApiError(
		ctx.getNode(),
		{ message, httpCode: '429' },
		{
			message,
			description: `Harvest answered 429 with a Retry-After longer than the ${MAX_RETRY_AFTER_MS / 60_000} minutes this node waits, so requests to the account fail at once until ${new Date(until).toISOString()} instead of hanging; nothing was sent. Run the workflow again after that time.`,
			httpCode: '429',
			itemIndex,
		},
	);
}

export function secretsOf(credentials: IDataObject): string[] {
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

export interface SendOptions {
	method: HarvestRequest['method'];
	url: string;
	qs?: IDataObject;
	body?: IDataObject | FormData;
	headers?: Record<string, string>;
	itemIndex?: number;
	/** Harvest ID endpoints take no account header and are not under the API's rate limits. */
	harvestId?: boolean;
}

export async function send(ctx: HarvestContext, connection: Connection, options: SendOptions): Promise<HarvestResponse> {
	const pathname = new URL(options.url).pathname;
	const isReport = !options.harvestId && pathname.startsWith(`${connection.apiBase.pathname}/reports/`);
	const budget = budgetFor(`${connection.apiBase.origin}|${connection.accountId}`);
	const headers: IDataObject = { 'User-Agent': USER_AGENT, Accept: 'application/json' };
	// A caller's Accept or User-Agent replaces ours (same name, any case); it never reaches the account header.
	for (const [name, value] of Object.entries(options.headers ?? {})) {
		if (PROTECTED_HEADER.test(name)) continue;
		for (const ours of Object.keys(headers)) if (ours.toLowerCase() === name.toLowerCase()) delete headers[ours];
		headers[name] = value;
	}
	if (!options.harvestId) headers['Harvest-Account-Id'] = connection.accountId;

	const signal = cancelSignal(ctx);
	const clock = { now: transportClock.now, sleep: async (ms: number) => await pause(ctx, ms, signal, options.itemIndex) };

	for (let attempt = 1; ; attempt++) {
		if (!options.harvestId && budget.closedUntil > transportClock.now()) {
			throw closedAccountError(ctx, budget.closedUntil, options.itemIndex);
		}
		if (!options.harvestId) await acquireSlot(budget, isReport, clock);
		const sentAt = transportClock.now();
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
			const asked = failure.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
			if (asked > MAX_RETRY_AFTER_MS) {
				// Longer than we will wait: the account is closed until then, and this and every later request say so.
				budget.closedUntil = Math.max(budget.closedUntil, transportClock.now() + asked);
				throw closedAccountError(ctx, budget.closedUntil, options.itemIndex);
			}
			// Every request to this account waits, not only this one: Harvest counts them all. The wait is
			// the one decided (Retry-After, or a default when Harvest gave none).
			// Other workers may share the account: this process's share of it shrinks too (governor.ts).
			const now = transportClock.now();
			shareThrottled(budget, isReport, sentAt, now, now + (decision.retry ? decision.delayMs : asked));
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
