import { type Auth, bearerToken, newSecret } from './auth';
import { parseBody } from './body';
import { INVALID_TOKEN_BODY } from './errors';

/** A response of a Harvest ID endpoint. */
export interface IdResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

export interface IdRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: Record<string, string | string[] | undefined>;
	rawBody: Buffer;
	origin: string;
}

export interface OAuthApp {
	clientId: string;
	clientSecret: string;
	/** Used when the authorize request names no redirect_uri. */
	redirectUri: string | null;
}

interface CodeGrant {
	clientId: string;
	redirectUri: string | null;
	accountIds: number[];
	scope: string;
	expiresAt: number;
}

const json = (status: number, body: unknown, extra: Record<string, string> = {}): IdResponse => ({
	status,
	headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra },
	body: JSON.stringify(body),
});

const html = (status: number, body: string): IdResponse => ({ status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body });

const redirect = (location: string): IdResponse => ({ status: 302, headers: { Location: location }, body: '' });

const oauthError = (status: number, error: string, description: string) => json(status, { error, error_description: description });

function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function withParams(uri: string, params: Record<string, string>, fragment = false): string {
	const text = new URLSearchParams(params).toString();
	if (fragment) return `${uri.split('#')[0]}#${text}`;
	return `${uri}${uri.includes('?') ? '&' : '?'}${text}`;
}

/**
 * The sandbox's Harvest ID: the authorize page, the token endpoint (authorization_code and
 * refresh_token grants) and the accounts list — on the same origin as the API.
 * Refresh tokens rotate: each refresh returns a new one and the used one stops working.
 */
export class OAuthServer {
	private readonly codes = new Map<string, CodeGrant>();
	private readonly refreshTokens = new Map<string, { clientId: string; accountIds: number[]; scope: string }>();

	constructor(
		private readonly auth: Auth,
		readonly app: OAuthApp,
		public accessTokenTtlSeconds: number,
		private readonly now: () => number,
	) {}

	handle(req: IdRequest): IdResponse | null {
		if (req.path === '/oauth2/authorize' && req.method === 'GET') return this.authorizePage(req);
		if (req.path === '/oauth2/authorize' && req.method === 'POST') return this.authorizeDecision(req);
		if (req.path === '/oauth2/callback' && req.method === 'GET') {
			return json(200, { code: req.query.get('code'), state: req.query.get('state'), scope: req.query.get('scope'), error: req.query.get('error') });
		}
		if (req.path === '/api/v2/oauth2/token' && req.method === 'POST') return this.token(req);
		if (req.path === '/api/v2/accounts' && req.method === 'GET') return this.accounts(req);
		return null;
	}

	/** Accounts granted by a scope string (`all`, `harvest:all`, `forecast:all`, `harvest:ID`, `forecast:ID`). */
	private scoped(scopeText: string | null): { accountIds: number[]; scope: string } {
		const parts = (scopeText ?? '').split(/[\s+]+/).filter(Boolean);
		const wanted = parts.length ? parts : ['harvest:all'];
		const ids = new Set<number>();
		const granted: string[] = [];
		for (const part of wanted) {
			const [product, which] = part === 'all' ? ['all', 'all'] : part.split(':');
			let matched = false;
			for (const a of this.auth.accounts) {
				if ((product === 'all' || a.product === product) && (which === 'all' || String(a.id) === which)) {
					ids.add(a.id);
					matched = true;
				}
			}
			if (matched) granted.push(part);
		}
		return { accountIds: Array.from(ids), scope: granted.join(' ') };
	}

	private authorizeParams(params: URLSearchParams): { error: IdResponse | null; redirectUri: string; responseType: string } {
		const clientId = params.get('client_id');
		const responseType = params.get('response_type') ?? 'code';
		const redirectUri = params.get('redirect_uri') || this.app.redirectUri || '';
		if (!clientId || clientId !== this.app.clientId) {
			return { error: html(400, '<!doctype html><title>Harvest ID</title><p>Unknown or missing <code>client_id</code>.</p>'), redirectUri, responseType };
		}
		if (!/^https?:\/\//i.test(redirectUri)) {
			return { error: html(400, '<!doctype html><title>Harvest ID</title><p>Missing or invalid <code>redirect_uri</code>.</p>'), redirectUri, responseType };
		}
		if (responseType !== 'code' && responseType !== 'token') {
			const state = params.get('state');
			return { error: redirect(withParams(redirectUri, { error: 'unsupported_response_type', ...(state ? { state } : {}) })), redirectUri, responseType };
		}
		return { error: null, redirectUri, responseType };
	}

	private authorizePage(req: IdRequest): IdResponse {
		const { error } = this.authorizeParams(req.query);
		if (error) return error;
		const hidden = ['client_id', 'response_type', 'redirect_uri', 'state', 'scope']
			.filter((k) => req.query.get(k) !== null)
			.map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(req.query.get(k) as string)}">`)
			.join('\n      ');
		const { accountIds } = this.scoped(req.query.get('scope'));
		const accounts = this.auth.accounts
			.filter((a) => accountIds.includes(a.id))
			.map((a) => `<li>${escapeHtml(a.name)} (${a.product}, ${a.id})</li>`)
			.join('');
		const who = this.auth.identity;
		return html(
			200,
			`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize application — Harvest ID (sandbox)</title></head>
<body>
  <h1>Authorize application</h1>
  <p>Signed in as ${escapeHtml(`${who.first_name} ${who.last_name}`)} (${escapeHtml(who.email)}).</p>
  <p>The application <strong>${escapeHtml(this.app.clientId)}</strong> asks for access to:</p>
  <ul>${accounts}</ul>
  <form method="post" action="/oauth2/authorize">
      ${hidden}
      <button type="submit" name="decision" value="allow">Authorize</button>
      <button type="submit" name="decision" value="deny">Deny</button>
  </form>
</body></html>
`,
		);
	}

	private authorizeDecision(req: IdRequest): IdResponse {
		let params: URLSearchParams;
		try {
			const { fields } = parseBody(req.rawBody, String(req.headers['content-type'] ?? 'application/x-www-form-urlencoded'));
			params = new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)]));
		} catch {
			return html(400, '<!doctype html><p>Malformed form.</p>');
		}
		for (const [k, v] of req.query) if (!params.has(k)) params.set(k, v);
		const { error, redirectUri, responseType } = this.authorizeParams(params);
		if (error) return error;
		const state = params.get('state');
		const extra: Record<string, string> = state ? { state } : {};
		if (params.get('decision') === 'deny') return redirect(withParams(redirectUri, { error: 'access_denied', ...extra }, responseType === 'token'));
		const { accountIds, scope } = this.scoped(params.get('scope'));
		if (responseType === 'token') {
			const access = this.issueAccess(accountIds, scope);
			return redirect(withParams(redirectUri, { access_token: access, token_type: 'bearer', expires_in: String(this.accessTokenTtlSeconds), scope, ...extra }, true));
		}
		const code = newSecret(20);
		this.codes.set(code, {
			clientId: this.app.clientId,
			redirectUri: params.get('redirect_uri'),
			accountIds,
			scope,
			expiresAt: this.now() + 600,
		});
		return redirect(withParams(redirectUri, { code, ...extra, scope }));
	}

	private issueAccess(accountIds: number[], scope: string): string {
		const token = `${this.auth.identity.id}.at.${newSecret(24)}`;
		this.auth.issue(token, { kind: 'oauth', accountIds, expiresAt: this.now() + this.accessTokenTtlSeconds, scope });
		return token;
	}

	private tokenResponse(clientId: string, accountIds: number[], scope: string): IdResponse {
		const access = this.issueAccess(accountIds, scope);
		const refresh = `${this.auth.identity.id}.rt.${newSecret(24)}`;
		this.refreshTokens.set(refresh, { clientId, accountIds, scope });
		return json(200, { access_token: access, refresh_token: refresh, token_type: 'bearer', expires_in: this.accessTokenTtlSeconds, scope });
	}

	private token(req: IdRequest): IdResponse {
		let fields: Record<string, unknown>;
		try {
			fields = parseBody(req.rawBody, String(req.headers['content-type'] ?? 'application/x-www-form-urlencoded')).fields;
		} catch {
			return oauthError(400, 'invalid_request', 'The request body could not be parsed.');
		}
		const str = (k: string) => (typeof fields[k] === 'string' || typeof fields[k] === 'number' ? String(fields[k]) : null);
		let clientId = str('client_id');
		let clientSecret = str('client_secret');
		const basic = /^\s*Basic\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''));
		if (basic) {
			const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			if (colon >= 0) {
				clientId = decodeURIComponent(decoded.slice(0, colon));
				clientSecret = decodeURIComponent(decoded.slice(colon + 1));
			}
		}
		const grantType = str('grant_type');
		if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is required.');
		if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
			return oauthError(400, 'unsupported_grant_type', `The grant type ${grantType} is not supported.`);
		}
		if (clientId !== this.app.clientId || clientSecret !== this.app.clientSecret) {
			return oauthError(401, 'invalid_client', 'Client authentication failed (unknown client_id or wrong client_secret).');
		}
		if (grantType === 'authorization_code') {
			const code = str('code');
			if (!code) return oauthError(400, 'invalid_request', 'code is required.');
			const grant = this.codes.get(code);
			this.codes.delete(code); // single use, even when the exchange fails
			if (!grant || grant.expiresAt <= this.now() || grant.clientId !== clientId) {
				return oauthError(400, 'invalid_grant', 'The authorization code is invalid, expired, already used or was issued to another client.');
			}
			const redirectUri = str('redirect_uri');
			if (grant.redirectUri && redirectUri && redirectUri !== grant.redirectUri) {
				return oauthError(400, 'invalid_grant', 'redirect_uri does not match the one used in the authorization request.');
			}
			return this.tokenResponse(clientId, grant.accountIds, grant.scope);
		}
		const refresh = str('refresh_token');
		if (!refresh) return oauthError(400, 'invalid_request', 'refresh_token is required.');
		const grant = this.refreshTokens.get(refresh);
		if (!grant || grant.clientId !== clientId) {
			return oauthError(400, 'invalid_grant', 'The refresh token is invalid, revoked or was already used.');
		}
		this.refreshTokens.delete(refresh);
		return this.tokenResponse(clientId, grant.accountIds, grant.scope);
	}

	private accounts(req: IdRequest): IdResponse {
		if (!req.headers['user-agent']) return json(400, { message: 'A User-Agent header is required, e.g. "MyApp (you@example.com)".' });
		const token = bearerToken(String(req.headers.authorization ?? '')) ?? req.query.get('access_token');
		const grant = this.auth.grant(token, this.now());
		if (!grant) return json(401, INVALID_TOKEN_BODY);
		const { identity } = this.auth;
		return json(200, {
			user: { id: identity.id, first_name: identity.first_name, last_name: identity.last_name, email: identity.email },
			accounts: this.auth.accounts
				.filter((a) => grant.accountIds.includes(a.id))
				.map((a) => ({ id: a.id, name: a.name, product: a.product, google_sign_in_required: false })),
		});
	}
}
