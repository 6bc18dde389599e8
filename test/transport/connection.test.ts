/**
 * Rules: the API base must be https, or plain http on this machine only; request paths may not leave the API
 * (other hosts, `..`/`%2e%2e` segments, absolute URLs outside /v2). Every refusal is a NodeOperationError and
 * sends nothing.
 */
import nock from 'nock';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { harvestAccounts, harvestRequest } from '../../nodes/shared/transport';
import { apiBaseUrl, isProblem, resolveApiUrl, type Checked } from '../../nodes/shared/transport/connection';
import {
	API,
	createLoadOptionsContext,
	executeContext,
	patCredentials,
	recordInto,
	rejectionOf,
	TOKEN,
	useTransportFixture,
	type Seen,
} from './support';

const clock = useTransportFixture();

/** The accepted value of a check, failing the test on a refusal. */
function accepted<T>(checked: Checked<T>): T {
	if (isProblem(checked)) throw new Error(`refused: ${checked.problem}`);
	return checked.value;
}

describe('API base URL', () => {
	it.each([
		['the default https base', `${API}/v2`, API, '/v2/users/me'],
		['an https proxy', 'https://harvest-proxy.example.com/v2/', 'https://harvest-proxy.example.com', '/v2/users/me'],
		['http on 127.0.0.1 with a port', 'http://127.0.0.1:4010/v2', 'http://127.0.0.1:4010', '/v2/users/me'],
		['http on localhost', 'http://localhost/v2', 'http://localhost', '/v2/users/me'],
		['http on localhost with a port', 'http://localhost:8787/v2', 'http://localhost:8787', '/v2/users/me'],
	])('accepts %s', async (_label, baseUrl, origin, path) => {
		const log: Seen[] = [];
		nock(origin).get(path).reply(recordInto(log, clock, [200, { id: 1 }]));

		const result = await harvestRequest.call(executeContext({}, patCredentials({ baseUrl })), { method: 'GET', path: '/users/me' });

		expect(result).toEqual({ id: 1 });
		expect(log).toHaveLength(1);
		expect(log[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
	});

	it.each([
		['plain http to a remote host', 'http://example.com/v2'],
		['plain http to a look-alike of 127.0.0.1', 'http://127.0.0.1.example.com/v2'],
		['plain http to a look-alike of localhost', 'http://localhost.example.com/v2'],
		['a URL with user and password', 'https://user:pass@api.harvestapp.com/v2'],
		['a URL with a query string', 'https://api.harvestapp.com/v2?x=1'],
		['ftp', 'ftp://api.harvestapp.com/v2'],
		['something that is not a URL', 'api.harvestapp.com/v2'],
	])('refuses %s without sending anything', async (_label, baseUrl) => {
		const anything = nock(/.*/).get(/.*/).reply(200, {});
		const ctx = executeContext({}, patCredentials({ baseUrl }));

		const error = await rejectionOf(harvestRequest.call(ctx, { method: 'GET', path: '/users/me', itemIndex: 3 }));

		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as unknown as NodeOperationError).context.itemIndex).toBe(3);
		expect(ctx.sent).toHaveLength(0);
		expect(anything.isDone()).toBe(false);
	});

	it('refuses an http remote base for the accounts list as well', async () => {
		const ctx = createLoadOptionsContext({ parameters: {}, credentials: patCredentials({ baseUrl: 'http://example.com/v2' }) });

		const error = await rejectionOf(harvestAccounts.call(ctx));

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(ctx.sent).toHaveLength(0);
	});

	it('apiBaseUrl drops trailing slashes and falls back to Harvest', () => {
		expect(accepted(apiBaseUrl({ baseUrl: 'https://api.harvestapp.com/v2///' })).toString()).toBe('https://api.harvestapp.com/v2');
		expect(accepted(apiBaseUrl({ baseUrl: '' })).toString()).toBe('https://api.harvestapp.com/v2');
		expect(isProblem(apiBaseUrl({ baseUrl: 'http://example.com/v2' }))).toBe(true);
	});
});

describe('request paths', () => {
	it.each([
		['an absolute URL on another host', 'https://evil.example.com/v2/users/me'],
		['a protocol-relative URL', '//evil.example.com/v2/users/me'],
		['an absolute URL on the API host with plain http', 'http://api.harvestapp.com/v2/users/me'],
		['a ".." segment', '/clients/../../admin'],
		['a leading ".." segment', '../users/me'],
		['a "." segment', '/clients/./5'],
		['a lower-case %2e%2e segment', '/clients/%2e%2e/users'],
		['an upper-case %2E%2E segment', '/clients/%2E%2E/%2E%2E/admin'],
		['a mixed .%2e segment', '/clients/.%2e/users'],
		['a ".." in an absolute URL on the API host', 'https://api.harvestapp.com/v2/../admin'],
		['a %2e%2e in an absolute URL on the API host', 'https://api.harvestapp.com/v2/%2e%2e/admin'],
		['an absolute URL on the API host outside /v2', 'https://api.harvestapp.com/v1/users/me'],
		['an absolute URL on a look-alike base path', 'https://api.harvestapp.com/v2x/users/me'],
		['an absolute URL on the API host root', 'https://api.harvestapp.com/'],
		['a backslash', '/clients\\..\\admin'],
		['a space', '/clients/1 2'],
		['a broken percent-encoding', '/clients/%E0%A4%A'],
	])('refuses %s without sending anything', async (_label, path) => {
		const anything = nock(/.*/).get(/.*/).reply(200, {});
		const ctx = executeContext();

		const error = await rejectionOf(harvestRequest.call(ctx, { method: 'GET', path, itemIndex: 1 }));

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error).not.toBeInstanceOf(NodeApiError);
		expect((error as unknown as NodeOperationError).context.itemIndex).toBe(1);
		expect(ctx.sent).toHaveLength(0);
		expect(anything.isDone()).toBe(false);
	});

	it.each([
		['a relative path', '/users/me', '/v2/users/me'],
		['a path without leading slash', 'users/me', '/v2/users/me'],
		['a path with a query', '/time_entries?page=2&per_page=100', '/v2/time_entries?page=2&per_page=100'],
		['an absolute URL below /v2 on the API host', `${API}/v2/clients?cursor=abc&per_page=2000`, '/v2/clients?cursor=abc&per_page=2000'],
		['a name that merely contains dots', '/clients/v1..2', '/v2/clients/v1..2'],
	])('sends %s to the API', async (_label, path, seenPath) => {
		const log: Seen[] = [];
		nock(API).get(/.*/).reply(recordInto(log, clock, [200, { ok: true }]));

		await harvestRequest.call(executeContext(), { method: 'GET', path });

		expect(log.map((s) => s.path)).toEqual([seenPath]);
	});

	it('resolveApiUrl keeps requests under a deeper base path', () => {
		const base = new URL('https://gateway.example.com/harvest/v2');
		expect(accepted(resolveApiUrl(base, '/clients'))).toBe('https://gateway.example.com/harvest/v2/clients');
		expect(accepted(resolveApiUrl(base, 'https://gateway.example.com/harvest/v2/clients?cursor=1'))).toBe(
			'https://gateway.example.com/harvest/v2/clients?cursor=1',
		);
		expect(isProblem(resolveApiUrl(base, 'https://gateway.example.com/other/v2/clients'))).toBe(true);
		expect(isProblem(resolveApiUrl(base, 'https://gateway.example.com/harvest/v2/%2e%2e/x'))).toBe(true);
	});
});
