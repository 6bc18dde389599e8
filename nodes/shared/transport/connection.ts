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
 * The API base from the credential, checked: https anywhere, plain http only on this machine, so a token is
 * never sent in clear text over a network.
 */
export function apiBaseUrl(credentials: IDataObject): Checked<URL> {
	const raw = String(credentials.baseUrl ?? '').trim() || DEFAULT_API_BASE_URL;
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
			'Plain http is accepted only for localhost and 127.0.0.1, so the token never crosses a network unencrypted.',
		);
	}
	if (url.username || url.password || url.search || url.hash) {
		return refuse(
			'The credential\'s "API Base URL" must be a plain address',
			'Remove user names, passwords, query strings and fragments from it.',
		);
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
