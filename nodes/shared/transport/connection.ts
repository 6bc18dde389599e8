import type { IDataObject } from 'n8n-workflow';

export const DEFAULT_API_BASE_URL = 'https://api.harvestapp.com/v2';
export const HARVEST_ID_URL = 'https://id.getharvest.com';
export const PACKAGE_VERSION = '0.1.0';
/** Harvest answers 400 without a User-Agent that names the app and a contact. */
export const USER_AGENT = `n8n-nodes-harvestapp/${PACKAGE_VERSION} (https://github.com/n8n-nodes-harvestapp/n8n-nodes-harvestapp)`;

export type AuthenticationMethod = 'accessToken' | 'oAuth2';

export const CREDENTIAL_TYPES: Record<AuthenticationMethod, string> = {
	accessToken: 'harvestAppApi',
	oAuth2: 'harvestAppOAuth2Api',
};

export class ConnectionProblem extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The API base from the credential, checked: https anywhere, plain http only on this machine, so a token is
 * never sent in clear text over a network.
 */
export function apiBaseUrl(credentials: IDataObject): URL {
	const raw = String(credentials.baseUrl ?? '').trim() || DEFAULT_API_BASE_URL;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new ConnectionProblem(
			'The credential\'s "API Base URL" is not a valid URL',
			`Use ${DEFAULT_API_BASE_URL}, or the address of a local Harvest sandbox or proxy.`,
		);
	}
	const secure = url.protocol === 'https:';
	const localPlain = url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname);
	if (!secure && !localPlain) {
		throw new ConnectionProblem(
			'The credential\'s "API Base URL" must use https',
			'Plain http is accepted only for localhost and 127.0.0.1, so the token never crosses a network unencrypted.',
		);
	}
	if (url.username || url.password || url.search || url.hash) {
		throw new ConnectionProblem(
			'The credential\'s "API Base URL" must be a plain address',
			'Remove user names, passwords, query strings and fragments from it.',
		);
	}
	url.pathname = url.pathname.replace(/\/+$/, '');
	return url;
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
export function resolveApiUrl(apiBase: URL, path: string): string {
	const trimmed = path.trim();
	if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) {
		let target: URL;
		try {
			target = new URL(trimmed);
		} catch {
			throw new ConnectionProblem(`"${trimmed}" is not a valid URL`, 'Give a path such as /users/me.');
		}
		if (target.origin !== apiBase.origin) {
			throw new ConnectionProblem(
				`Requests may only go to the configured Harvest host (${apiBase.host})`,
				`"${target.host}" is a different host; the credential's token is never sent there.`,
			);
		}
		// URL parsing already folds "..", so look at the path as written.
		const writtenPath = trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0];
		assertNoDotSegments(safeDecode(writtenPath), trimmed);
		if (!isBelow(target.pathname, apiBase.pathname)) {
			throw new ConnectionProblem(
				`Requests may only go below ${apiBase.pathname || '/'} on the Harvest host`,
				`"${target.pathname}" is outside the API.`,
			);
		}
		return target.toString();
	}
	const relative = trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
	const decoded = safeDecode(relative);
	assertNoDotSegments(decoded.split(/[?#]/)[0], trimmed);
	if (/[\s\\]/.test(decoded)) {
		throw new ConnectionProblem(`"${trimmed}" is not a valid path`, 'Paths may not contain spaces or backslashes.');
	}
	return `${apiBase.origin}${apiBase.pathname}${relative}`;
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		throw new ConnectionProblem(`"${text}" is not a valid path`, 'Check its percent-encoding.');
	}
}

function assertNoDotSegments(path: string, original: string): void {
	if (path.split('/').some((segment) => segment === '..' || segment === '.')) {
		throw new ConnectionProblem(
			`The path "${original}" contains "." or ".." segments`,
			'Give the path below /v2 directly, e.g. /time_entries/123.',
		);
	}
}

function isBelow(path: string, base: string): boolean {
	if (base === '' || base === '/') return true;
	return path === base || path.startsWith(`${base}/`);
}
