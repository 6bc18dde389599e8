import type { IDataObject } from 'n8n-workflow';

export const DEFAULT_API_BASE_URL = 'https://api.harvestapp.com/v2';
export const HARVEST_ID_URL = 'https://id.getharvest.com';
export const PACKAGE_VERSION = '0.1.0';
/** Harvest answers 400 without a User-Agent that names the app and a contact. */
export const USER_AGENT = `n8n-nodes-harvestapp/${PACKAGE_VERSION} (https://github.com/n8n-nodes-harvestapp/n8n-nodes-harvestapp)`;

export type AuthenticationMethod = 'accessToken' | 'oAuth2';

/** The credential type behind each choice of the nodes' "Authentication" parameter. */
export function credentialTypeFor(method: string): string | undefined {
	if (method === 'accessToken') return 'harvestAppApi';
	if (method === 'oAuth2') return 'harvestAppOAuth2Api';
	return undefined;
}

/** A refusal that callers turn into a NodeOperationError; nothing has been sent when one is returned. */
export interface ConnectionProblem {
	problem: string;
	description: string;
}

export type Checked<T> = { value: T } | ConnectionProblem;

export function isProblem<T>(checked: Checked<T>): checked is ConnectionProblem {
	return 'problem' in checked;
}

function refuse(problem: string, description: string): ConnectionProblem {
	return { problem, description };
}

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The one rule for every URL that receives a secret (the API base, OAuth2's authorization and token URLs):
 * https anywhere, plain http only on this machine, never a user name or password in it. Kept as regex source
 * because the credentials apply it in n8n expressions (their test request, their OAuth2 URLs), which run
 * inside n8n rather than in our code; `apiBaseUrl` below applies the very same pattern.
 */
const SAFE_ORIGIN = '(https://[^/?#@\\s\\\\]+|http://(localhost|127(\\.\\d{1,3}){3}|\\[::1\\])(:\\d{1,5})?)';
/** An API base: a safe origin and a path, no query or fragment. */
export const SAFE_BASE_URL_PATTERN = `^${SAFE_ORIGIN}(/[^?#\\s]*)?$`;
/** An OAuth2 endpoint: a safe origin, a path and possibly a query. */
export const SAFE_ENDPOINT_URL_PATTERN = `^${SAFE_ORIGIN}([/?][^#\\s]*)?$`;

export const REFUSED_URL_REASON = 'Plain http is accepted only for localhost and 127.0.0.1, so a secret never crosses a network unencrypted.';

/** The words shown when a credential URL breaks the rule. */
export function refusedUrlMessage(label: string): string {
	return `The credential's "${label}" must use https (or http on localhost). ${REFUSED_URL_REASON}`;
}

/**
 * n8n expressions that apply the URL rule where n8n, not our code, makes the request. `ok` is true when the
 * field passes; `value` is the field trimmed, without trailing slashes. A refused URL is replaced by a `data:`
 * URL that carries the refusal as its content: nothing leaves the machine, and whoever opens it reads why.
 */
export function urlRuleExpressions(fieldExpression: string, fallback: string, pattern: string) {
	// Plain operators only: which globals (String, …) an expression sees differs between n8n's engines.
	const raw = `("" + (${fieldExpression} || ${JSON.stringify(fallback)})).trim()`;
	const ok = `new RegExp(${JSON.stringify(pattern)}, "i").test(${raw})`;
	return { ok, value: `${raw}.replace(/\\/+$/, "")` };
}

/** A `data:` URL holding `content` (what a browser shows, or what n8n reads back as a response). */
export function dataUrl(mime: string, content: string): string {
	return `data:${mime},${encodeURIComponent(content)}`;
}

/**
 * The API base from the credential, checked: https anywhere, plain http only on this machine, so a token is
 * never sent in clear text over a network.
 */
export function apiBaseUrl(credentials: IDataObject): Checked<URL> {
	const raw = String(credentials.baseUrl ?? '').trim() || DEFAULT_API_BASE_URL;
	const safe = new RegExp(SAFE_BASE_URL_PATTERN, 'i').test(raw);
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return refuse(
			'The credential\'s "API Base URL" is not a valid URL',
			`Use ${DEFAULT_API_BASE_URL}, or the address of a local Harvest sandbox or proxy.`,
		);
	}
	const secure = url.protocol === 'https:';
	const localPlain = url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname);
	if (!secure && !localPlain) {
		return refuse(
			'The credential\'s "API Base URL" must use https',
			REFUSED_URL_REASON,
		);
	}
	if (url.username || url.password || url.search || url.hash) {
		return refuse(
			'The credential\'s "API Base URL" must be a plain address',
			'Remove user names, passwords, query strings and fragments from it.',
		);
	}
	// What URL parsing tolerates but the credential's own checks (the shared pattern) do not: one rule for both.
	if (!safe) {
		return refuse('The credential\'s "API Base URL" must use https', `${REFUSED_URL_REASON} Write it as https://host/path.`);
	}
	url.pathname = url.pathname.replace(/\/+$/, '');
	return { value: url };
}

/** Harvest ID (accounts, OAuth) is a separate host for real Harvest; a sandbox or proxy serves it on its own origin. */
export function idBaseUrl(apiBase: URL): string {
	return apiBase.hostname === 'api.harvestapp.com' ? HARVEST_ID_URL : apiBase.origin;
}

/**
 * Turns a request path into a full URL under the API base. Relative paths may not climb out of the base
 * (`..`), and absolute URLs are accepted only on the configured host and below its base path, because the
 * credential's token goes with every request.
 */
export function resolveApiUrl(apiBase: URL, path: string): Checked<string> {
	const trimmed = path.trim();
	const absolute = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//');
	// URL parsing folds "..", so look at the path as written.
	const writtenPath = absolute ? trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*|^\/\/[^/?#]*/i, '') : trimmed;
	const decoded = safeDecode(writtenPath.split(/[?#]/)[0]);
	if (decoded === undefined || /[\s\\]/.test(decoded)) {
		return refuse(`"${trimmed}" is not a valid path`, 'Give a path such as /users/me, without spaces or backslashes.');
	}
	if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) {
		return refuse(
			`The path "${trimmed}" contains "." or ".." segments`,
			'Give the path below /v2 directly, e.g. /time_entries/123.',
		);
	}
	if (!absolute) {
		const relative = trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
		return { value: `${apiBase.origin}${apiBase.pathname}${relative}` };
	}
	let target: URL;
	try {
		target = new URL(trimmed.startsWith('//') ? `${apiBase.protocol}${trimmed}` : trimmed);
	} catch {
		return refuse(`"${trimmed}" is not a valid URL`, 'Give a path such as /users/me.');
	}
	if (target.origin !== apiBase.origin) {
		return refuse(
			`Requests may only go to the configured Harvest host (${apiBase.host})`,
			`"${target.host}" is a different host; the credential's token is never sent there.`,
		);
	}
	if (!isBelow(target.pathname, apiBase.pathname)) {
		return refuse(
			`Requests may only go below ${apiBase.pathname || '/'} on the Harvest host`,
			`"${target.pathname}" is outside the API.`,
		);
	}
	return { value: target.toString() };
}

function safeDecode(text: string): string | undefined {
	try {
		return decodeURIComponent(text);
	} catch {
		return undefined;
	}
}

function isBelow(path: string, base: string): boolean {
	if (base === '' || base === '/') return true;
	return path === base || path.startsWith(`${base}/`);
}
