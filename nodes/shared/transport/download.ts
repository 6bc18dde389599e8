import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiUrl, connect } from './connect';
import { DEFAULT_API_BASE_URL, SAFE_ENDPOINT_URL_PATTERN, USER_AGENT } from './connection';
import { classify, headerMap } from './outcome';
import { decideRetry, type Failure } from './retry';
import { send } from './send';
import { REQUEST_TIMEOUT_MS, transportClock, type Connection } from './types';

/*
 * Files Harvest hands out beside its API: the PDF of an invoice or estimate at its client link on the
 * account's web address (https://{subdomain}.harvestapp.com/client/invoices/{client_key}.pdf), and an
 * expense's receipt at the URL its record gives. Neither is an API request, and the credential's token goes
 * only to the API host, so these requests carry no credential at all: the client key is the client link's
 * own secret, and a receipt URL is used as Harvest gives it. They are the transport's only requests made
 * without httpRequestWithAuthentication, and they go only to https (or plain http on this machine).
 */

export interface HarvestFile {
	data: Buffer;
	/** From the answer's Content-Type, without parameters; empty when it named none. */
	mimeType: string;
	/** From the answer's Content-Disposition, if it named one. */
	fileName?: string;
}

const HARVEST_API_HOST = new URL(DEFAULT_API_BASE_URL).hostname;
const MAX_REDIRECTS = 5;

function refusal(ctx: IExecuteFunctions, message: string, description: string, itemIndex?: number): never {
	throw new NodeOperationError(ctx.getNode(), message, { description, itemIndex });
}

/**
 * The account's web address, where client links live: Harvest's `base_uri` (an https *.harvestapp.com
 * address) when the credential talks to Harvest's own API; the API's own origin when it talks to a sandbox
 * or a proxy, which serve client links beside the API.
 */
export async function accountWebAddress(this: IExecuteFunctions, itemIndex?: number): Promise<URL> {
	const connection = await connect(this, itemIndex);
	if (connection.apiBase.hostname !== HARVEST_API_HOST) return new URL(connection.apiBase.origin);
	// One look-up per connection (credential and account) and execution, however many items download.
	let known = webAddresses.get(connection);
	if (!known) {
		known = lookUpWebAddress(this, connection, itemIndex);
		webAddresses.set(connection, known);
		known.catch(() => webAddresses.delete(connection));
	}
	return new URL(await known);
}

const webAddresses = new WeakMap<Connection, Promise<string>>();

async function lookUpWebAddress(ctx: IExecuteFunctions, connection: Connection, itemIndex?: number): Promise<string> {
	const response = await send(ctx, connection, { method: 'GET', url: apiUrl(ctx, connection, '/company', itemIndex), itemIndex });
	const base = String(response.body.base_uri ?? '');
	let url: URL | undefined;
	try {
		url = new URL(base);
	} catch {
		url = undefined;
	}
	if (!url || url.protocol !== 'https:' || !url.hostname.endsWith('.harvestapp.com') || url.username || url.password) {
		refusal(ctx, `Harvest gave no usable web address for the account ("${base}")`, 'Client links need the https://….harvestapp.com address from Company › Get (base_uri).', itemIndex);
	}
	return url.origin;
}

/** A URL as it may appear in a message: long keys (client keys, signatures) shortened, no query. */
export function shownUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.origin}${parsed.pathname.replace(/[0-9a-f]{16,}/gi, (key) => `${key.slice(0, 4)}…`)}`;
	} catch {
		return '(not a URL)';
	}
}

function fileNameOf(disposition: string | undefined): string | undefined {
	if (!disposition) return undefined;
	const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
	if (star) {
		try {
			return decodeURIComponent(star[1].trim());
		} catch {
			// fall through to the plain form
		}
	}
	return /filename\s*=\s*"?([^";]+)"?/.exec(disposition)?.[1].trim() || undefined;
}

/**
 * GETs a file without any credential. Redirects are followed (at most five), each to an address under the
 * same rule; reads are retried after server errors and lost connections like API reads. An answer that is
 * not the file (an error status, or a web page such as a sign-in form when `webPageIsRefusal`) fails with
 * what Harvest answered.
 */
export async function harvestDownload(
	this: IExecuteFunctions,
	request: { url: string; what: string; itemIndex?: number; webPageIsRefusal?: boolean },
): Promise<HarvestFile> {
	const { what, itemIndex } = request;
	let url = request.url;
	for (let hop = 0; ; hop++) {
		if (!new RegExp(SAFE_ENDPOINT_URL_PATTERN, 'i').test(url)) {
			refusal(this, `The ${what} is at an address this node does not download from: ${shownUrl(url)}`, 'Files are downloaded over https only (plain http only on this machine).', itemIndex);
		}
		const answer = await getOnce(this, url, what, itemIndex);
		const location = answer.headers.location;
		if (answer.statusCode >= 300 && answer.statusCode < 400 && location) {
			if (hop >= MAX_REDIRECTS) refusal(this, `The ${what} redirects more than ${MAX_REDIRECTS} times`, `Last address: ${shownUrl(url)}`, itemIndex);
			url = new URL(location, url).toString();
			continue;
		}
		const mimeType = String(answer.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		const signIn = answer.statusCode === 401 || answer.statusCode === 403 || (answer.statusCode < 400 && request.webPageIsRefusal && mimeType === 'text/html');
		if (answer.statusCode >= 400 || signIn) {
			const status = `HTTP ${answer.statusCode}${mimeType ? `, ${mimeType}` : ''}`;
			const message = signIn
				? `Harvest did not hand out the ${what} without signing in (${status})`
				: `Harvest answered ${status} for the ${what}`;
			throw new NodeApiError(this.getNode(), { message, httpCode: String(answer.statusCode) }, {
				message,
				description: signIn
					? `Address: ${shownUrl(url)}. Downloads carry no credential: the token goes to Harvest's API only.`
					: `Address: ${shownUrl(url)}.`,
				httpCode: String(answer.statusCode),
				itemIndex,
			});
		}
		return { data: answer.body, mimeType, fileName: fileNameOf(answer.headers['content-disposition']) };
	}
}

async function getOnce(
	ctx: IExecuteFunctions,
	url: string,
	what: string,
	itemIndex?: number,
): Promise<{ statusCode: number; headers: Record<string, string>; body: Buffer }> {
	const options: IHttpRequestOptions = {
		method: 'GET',
		url,
		headers: { 'User-Agent': USER_AGENT, Accept: '*/*' },
		encoding: 'arraybuffer',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	for (let attempt = 1; ; attempt++) {
		let failure: Failure;
		try {
			const raw = (await ctx.helpers.httpRequest(options)) as IDataObject;
			const statusCode = Number(raw.statusCode ?? 200);
			const body = Buffer.isBuffer(raw.body) ? raw.body : Buffer.from((raw.body ?? '') as ArrayBuffer);
			if (statusCode < 500) return { statusCode, headers: headerMap(raw.headers), body };
			failure = { kind: 'status', status: statusCode };
		} catch (error) {
			const outcome = classify(error);
			if ('cancelled' in outcome) throw new NodeOperationError(ctx.getNode(), `The execution was cancelled while downloading the ${what}`, { itemIndex });
			if ('foreign' in outcome) throw new NodeOperationError(ctx.getNode(), outcome.foreign, { itemIndex });
			failure = outcome.failure;
		}
		const decision = decideRetry('GET', failure, attempt, transportClock.random());
		if (!decision.retry) {
			const detail = failure.kind === 'status' ? `HTTP ${failure.status}` : (failure.detail ?? failure.kind);
			const message = `The ${what} could not be downloaded (${detail})`;
			throw new NodeApiError(ctx.getNode(), { message }, { message, description: `Address: ${shownUrl(url)}.`, itemIndex });
		}
		await transportClock.sleep(decision.delayMs);
	}
}
