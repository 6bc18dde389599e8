// The credential test and the OAuth2 flow run inside n8n, not through our transport, so they carry the URL rule
// themselves (issue: the token must never follow a redirect to another origin or cross a network in clear text).
// Servers here stand in for what an attacker or a mistyped URL would point at; each records every request, and
// the cases assert that no secret ever reached one.
import assert from 'assert/strict';
import http from 'http';
import type { AddressInfo } from 'net';
import os from 'os';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { registerSecrets } from '../harness';

interface Seen {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

interface Recorder {
	origin: string;
	seen: Seen[];
	close: () => Promise<void>;
}

/** A server on `host` that records every request and answers with `answer`. */
async function recorder(host: string, answer: (res: http.ServerResponse) => void): Promise<Recorder> {
	const seen: Seen[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		req.on('end', () => {
			seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			answer(res);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const { port } = server.address() as AddressInfo;
	const shownHost = host.includes(':') ? `[${host}]` : host;
	return {
		origin: `http://${shownHost}:${port}`,
		seen,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const json = (res: http.ServerResponse) => {
	res.writeHead(200, { 'content-type': 'application/json' });
	res.end('{"id":1,"first_name":"Stolen","email":"x@example.com"}');
};

/** This machine's first non-loopback IPv4 address: plain http to it crosses a network as far as n8n can tell. */
function networkAddress(): string {
	for (const addresses of Object.values(os.networkInterfaces())) {
		for (const address of addresses ?? []) {
			if (address.family === 'IPv4' && !address.internal) return address.address;
		}
	}
	throw new Error('this machine has no non-loopback IPv4 address to stand in for a network host');
}

function containsSecret(seen: Seen[], secret: string): boolean {
	return seen.some((r) => JSON.stringify(r.headers).includes(secret) || r.url.includes(secret) || r.body.includes(secret));
}

/** Saves a credential, then presses its "Test" button the way the editor does (stored data sent back). */
async function testCredential(ctx: E2EContext, type: string, data: Record<string, unknown>) {
	const name = `Credential under test ${Math.random().toString(36).slice(2, 8)}`;
	const { id } = await ctx.rest.call<{ id: string }>('POST', '/rest/credentials', { name, type, data });
	const stored = await ctx.rest.call<{ data: Record<string, unknown> }>('GET', `/rest/credentials/${id}?includeData=true`);
	return await ctx.rest.call<{ status: string; message: string }>('POST', '/rest/credentials/test', {
		credentials: { id, name, type, data: stored.data },
	});
}

export const credentialSafetyCases: Array<Case<E2EContext>> = [
	{
		name: 'credential safety: the token credential test follows no redirect to a second origin and sends nothing over plain http off this machine',
		run: async (ctx) => {
			const token = `leak-probe-${Math.random().toString(36).slice(2, 14)}`;
			registerSecrets(token);
			const catcher = await recorder('127.0.0.1', json);
			const redirector = await recorder('127.0.0.1', (res) => {
				res.writeHead(302, { location: `${catcher.origin}/v2/users/me` });
				res.end();
			});
			const offMachine = await recorder('0.0.0.0', json);
			const offMachineUrl = offMachine.origin.replace('0.0.0.0', networkAddress());
			try {
				const redirected = await testCredential(ctx, 'harvestAppApi', {
					accessToken: token,
					accountId: '123456',
					baseUrl: `${redirector.origin}/v2`,
				});
				assert.equal(redirected.status, 'Error', 'a redirecting API base must fail the test');
				assert.match(redirected.message, /redirect/i, `the failure names the redirect: ${redirected.message}`);
				assert.equal(redirector.seen.length, 1, 'the test asked the configured address once');
				assert.equal(catcher.seen.length, 0, 'nothing at all reached the redirect target');

				const plain = await testCredential(ctx, 'harvestAppApi', {
					accessToken: token,
					accountId: '123456',
					baseUrl: `${offMachineUrl}/v2`,
				});
				assert.equal(plain.status, 'Error', 'plain http to a network host must fail the test');
				assert.match(plain.message, /https/i, `the failure says https is needed: ${plain.message}`);
				assert.equal(offMachine.seen.length, 0, 'no request went to the plain-http host');

				// The configured (loopback) address is the only one that may see the token.
				for (const server of [catcher, offMachine]) {
					assert.equal(containsSecret(server.seen, token), false, `the token reached ${server.origin}`);
				}
				// The rule does not get in the way of a good credential (the sandbox is plain http on loopback).
				const good = await testCredential(ctx, 'harvestAppApi', {
					accessToken: ctx.sandbox.info.token,
					accountId: String(ctx.sandbox.info.accountId),
					baseUrl: ctx.sandbox.info.url,
				});
				assert.equal(good.status, 'OK', good.message);
			} finally {
				await Promise.all([catcher.close(), redirector.close(), offMachine.close()]);
			}
		},
	},
	{
		name: 'credential safety: OAuth2 sends no client secret or code to a plain-http token URL off this machine, and opens no plain-http authorization URL',
		lane: 'oauth-safety',
		run: async (ctx) => {
			const clientSecret = `secret-probe-${Math.random().toString(36).slice(2, 14)}`;
			registerSecrets(clientSecret);
			const offMachine = await recorder('0.0.0.0', json);
			const offMachineUrl = offMachine.origin.replace('0.0.0.0', networkAddress());
			const idUrl = ctx.sandbox.info.idUrl.replace(/\/+$/, '');
			const base = {
				clientId: ctx.sandbox.info.oauth?.clientId ?? '',
				clientSecret,
				grantType: 'authorizationCode',
				scope: 'harvest:all',
				authentication: 'body',
				authQueryParameters: '',
				accountId: '',
				baseUrl: ctx.sandbox.info.url,
			};
			try {
				// A plain-http authorization URL on the network: n8n cannot even build the address to send the user to.
				const badAuthorize = await ctx.rest.call<{ id: string }>('POST', '/rest/credentials', {
					name: 'OAuth2 with a plain-http authorization URL',
					type: 'harvestAppOAuth2Api',
					data: { ...base, harvestAuthorizationUrl: `${offMachineUrl}/oauth2/authorize`, harvestAccessTokenUrl: `${idUrl}/api/v2/oauth2/token` },
				});
				const authorize = await ctx.rest.request<{ data?: string; message?: string }>(
					'GET',
					`/rest/oauth2-credential/auth?id=${badAuthorize.id}`,
				);
				// The credential hands n8n a data: URL instead. n8n 2.x refuses to start a flow with it (400, "must use
				// HTTP or HTTPS"); older versions send the browser there, which shows the credential's refusal.
				const offered = String(authorize.body?.data ?? '');
				if (authorize.status === 200) {
					assert.ok(offered.startsWith('data:text/plain,'), `n8n offered ${offered}`);
					assert.match(decodeURIComponent(offered), /"Authorization URL" must use https/, 'the window explains the refusal');
				} else {
					assert.equal(authorize.status, 400, JSON.stringify(authorize.body));
					assert.match(String(authorize.body?.message), /HTTP or HTTPS/i, String(authorize.body?.message));
				}

				// A good authorization URL but a plain-http token URL: the user approves, and the code exchange must not
				// carry the code and client secret to the network host.
				const badToken = await ctx.rest.call<{ id: string }>('POST', '/rest/credentials', {
					name: 'OAuth2 with a plain-http token URL',
					type: 'harvestAppOAuth2Api',
					data: { ...base, harvestAuthorizationUrl: `${idUrl}/oauth2/authorize`, harvestAccessTokenUrl: `${offMachineUrl}/api/v2/oauth2/token` },
				});
				const started = await ctx.rest.request<{ data?: string; message?: string }>('GET', `/rest/oauth2-credential/auth?id=${badToken.id}`);
				if (started.status < 400) {
					const url = new URL(String(started.body?.data));
					const form = new URLSearchParams(url.searchParams);
					form.set('decision', 'allow');
					const decision = await fetch(`${url.origin}/oauth2/authorize`, {
						method: 'POST',
						body: form,
						redirect: 'manual',
						headers: { 'content-type': 'application/x-www-form-urlencoded' },
					});
					const callback = new URL(decision.headers.get('location') ?? '');
					await ctx.rest.request('GET', `${callback.pathname}${callback.search}`);
					const stored = await ctx.rest.call<{ data: Record<string, unknown> }>('GET', `/rest/credentials/${badToken.id}?includeData=true`);
					assert.equal(stored.data.oauthTokenData, undefined, 'no token may have been obtained');
				}
				assert.equal(offMachine.seen.length, 0, 'nothing reached the plain-http host');
				assert.equal(containsSecret(offMachine.seen, clientSecret), false, 'the client secret reached the plain-http host');
			} finally {
				await offMachine.close();
			}
		},
	},
];
