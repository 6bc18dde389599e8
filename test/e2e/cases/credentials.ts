// Credentials (point 3): the personal access token, OAuth2 through the sandbox's Harvest ID (authorize,
// code exchange, refresh after the access token expired), and the account picker of both.
import assert from 'assert/strict';

import type { E2EContext } from '../context';
import { CRED } from '../credentials';
import type { Case } from '../harness';
import { nodeError, nodeItems, sleep } from '../n8n';
import type { Rest } from '../rest';
import type { SandboxRequest } from '../sandbox';

const NODE_TYPE = 'n8n-nodes-harvestapp.harvestApp';

/** The "Account Name or ID" options, loaded the way the editor loads them. */
async function accountOptions(rest: Rest, credentialType: string, credential: { id: string; name: string }, authentication: string) {
	return rest.call<Array<{ name: string; value: string }>>('POST', '/rest/dynamic-node-parameters/options', {
		path: 'parameters.accountId',
		methodName: 'getAccounts',
		nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
		currentNodeParameters: { authentication, resource: 'client', operation: 'getAll' },
		credentials: { [credentialType]: credential },
	});
}

function expectedAccounts(ctx: E2EContext): string[] {
	return (ctx.sandbox.info.accounts ?? [])
		.filter((a) => a.product !== 'forecast')
		.map((a) => `${a.name} (${a.id})`)
		.sort();
}

/** The credential form's "Test" button: it sends the stored data back (secrets redacted), n8n fills them in. */
async function credentialTest(ctx: E2EContext, fixtureId: string, name: string, type: string) {
	const id = ctx.credentialIds[fixtureId];
	const stored = await ctx.rest.call<{ data: Record<string, unknown> }>('GET', `/rest/credentials/${id}?includeData=true`);
	return ctx.rest.call<{ status: string; message: string }>('POST', '/rest/credentials/test', {
		credentials: { id, name, type, data: stored.data },
	});
}

/** Runs the OAuth2 authorization-code flow the way a user's browser would, against the sandbox's Harvest ID. */
async function authorize(ctx: E2EContext): Promise<void> {
	const credentialId = ctx.credentialIds[CRED.oauth.id];
	const authUrl = await ctx.rest.call<string>('GET', `/rest/oauth2-credential/auth?id=${credentialId}`);
	const url = new URL(authUrl);
	assert.equal(url.origin, ctx.sandbox.origin, 'the authorize URL is the credential\'s Authorization URL');
	assert.equal(url.pathname, '/oauth2/authorize');
	const page = await fetch(authUrl);
	assert.equal(page.status, 200, 'authorize page');
	// The page's "Authorize" button posts the same parameters back with decision=allow.
	const form = new URLSearchParams(url.searchParams);
	form.set('decision', 'allow');
	const decision = await fetch(`${url.origin}/oauth2/authorize`, {
		method: 'POST',
		body: form,
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	});
	assert.equal(decision.status, 302, 'authorize decision redirects back to n8n');
	const callback = new URL(decision.headers.get('location') ?? '');
	assert.equal(callback.origin, ctx.n8n.baseUrl, 'redirected to n8n\'s OAuth callback');
	assert.ok(callback.searchParams.get('code'), 'an authorization code came back');
	const done = await ctx.rest.request<string>('GET', `${callback.pathname}${callback.search}`);
	assert.equal(done.status, 200, 'n8n OAuth callback');
	assert.doesNotMatch(String(done.body), /error|failed/i, 'n8n reported an OAuth error');
}

function sequence(requests: SandboxRequest[]): string[] {
	return requests.map((r) => `${r.method} ${r.path} ${r.status}`);
}

export const credentialCases: Array<Case<E2EContext>> = [
	{
		name: 'credentials: token credential passes n8n\'s credential test; a wrong token fails it',
		run: async (ctx) => {
			const good = await credentialTest(ctx, CRED.pat.id, CRED.pat.name, 'harvestAppApi');
			assert.equal(good.status, 'OK', good.message);
			const bad = await credentialTest(ctx, CRED.badToken.id, CRED.badToken.name, 'harvestAppApi');
			assert.equal(bad.status, 'Error', 'a wrong token must not pass the test');
		},
	},
	{
		name: 'credentials: the account picker lists the token\'s Harvest accounts',
		run: async (ctx) => {
			const options = await accountOptions(ctx.rest, 'harvestAppApi', { id: ctx.credentialIds[CRED.pat.id], name: CRED.pat.name }, 'accessToken');
			const names = options.filter((o) => o.value !== '').map((o) => o.name).sort();
			assert.deepEqual(names, expectedAccounts(ctx));
		},
	},
	{
		name: 'credentials: OAuth2 authorize + code exchange, account picker, then a refresh after the access token expired',
		lane: 'oauth',
		timeoutMs: 180_000,
		run: async (ctx) => {
			await authorize(ctx);
			const authorizedAt = Date.now();
			const credential = { id: ctx.credentialIds[CRED.oauth.id], name: CRED.oauth.name };
			const options = await accountOptions(ctx.rest, 'harvestAppOAuth2Api', credential, 'oAuth2');
			assert.deepEqual(options.filter((o) => o.value !== '').map((o) => o.name).sort(), expectedAccounts(ctx));

			// First call with the fresh token, in the credential's account (the sandbox's second one).
			const first = await ctx.rest.runAndWait('e2eOAuthCall0001');
			assert.equal(first.status, 'success', nodeError(first, 'Who am I'));
			const secondAccount = (ctx.sandbox.info.accounts ?? []).filter((a) => a.product !== 'forecast')[1];
			assert.equal(nodeItems(first, 'Who am I')[0]?.name, secondAccount?.name);

			// The sandbox issues short-lived access tokens in this run; wait until this one has expired.
			const ttlMs = SANDBOX_ACCESS_TOKEN_TTL_S * 1000;
			await sleep(Math.max(0, authorizedAt + ttlMs + 1500 - Date.now()));
			const before = (await ctx.sandbox.requests()).length;
			const second = await ctx.rest.runAndWait('e2eOAuthCall0001');
			assert.equal(second.status, 'success', nodeError(second, 'Who am I'));
			// Other cases use the first account at the same time; keep only this credential's traffic.
			const ours = (await ctx.sandbox.requests())
				.slice(before)
				.filter((r) => r.path.endsWith('/oauth2/token') || (r.path === '/v2/company' && (r.accountId ?? secondAccount?.id) === secondAccount?.id));
			const seen = sequence(ours);
			assert.deepEqual(seen, ['GET /v2/company 401', 'POST /api/v2/oauth2/token 200', 'GET /v2/company 200'], 'expired token → refresh → retry');
		},
	},
];

/** Lifetime of OAuth access tokens the main sandbox issues in a test run (see run.ts). */
export const SANDBOX_ACCESS_TOKEN_TTL_S = 20;
