/**
 * The credentials' own URL rule: n8n runs the credential test and the OAuth2 flow itself, outside our transport,
 * so the credentials carry the rule as n8n expressions. Here those expressions run in n8n's expression engine
 * against the same URLs as the transport's `apiBaseUrl`, and must agree with it on every one.
 */
import { Expression, type IDataObject } from 'n8n-workflow';
import { sanitizer, sanitizerName } from 'n8n-workflow/dist/cjs/expression-sandboxing';

import { HarvestAppApi } from '../../credentials/HarvestAppApi.credentials';
import { HarvestAppOAuth2Api } from '../../credentials/HarvestAppOAuth2Api.credentials';
import { apiBaseUrl, isProblem } from '../../nodes/shared/transport/connection';

const URLS = [
	'https://api.harvestapp.com/v2',
	'https://api.harvestapp.com/v2///',
	'  https://proxy.example.com:8443/harvest/v2  ',
	'HTTPS://API.HARVESTAPP.COM/v2',
	'http://127.0.0.1:4010/v2',
	'http://localhost:4010/v2/',
	'http://[::1]:4010/v2',
	'',
	'http://api.harvestapp.com/v2',
	'http://10.0.0.5:4010/v2',
	'http://localhost.evil.com/v2',
	'http://localhost@evil.com/v2',
	'http://127.0.0.1.nip.io/v2',
	'https://user:pass@api.harvestapp.com/v2',
	'https://api.harvestapp.com/v2?x=1',
	'https://api.harvestapp.com/v2#top',
	'ftp://api.harvestapp.com/v2',
	'javascript:alert(1)',
	'//api.harvestapp.com/v2',
	'not a url',
];

function evaluate(expression: string, data: IDataObject): unknown {
	expect(expression.startsWith('={{')).toBe(true);
	// n8n ends an expression at the first "}}": there must be exactly one, at the end.
	expect(expression.indexOf('}}')).toBe(expression.length - 2);
	return Expression.resolveWithoutWorkflow(expression.slice(1), { ...data, [sanitizerName]: sanitizer });
}

describe('the token credential test applies the transport\'s URL rule inside n8n', () => {
	const credential = new HarvestAppApi();
	const request = credential.test.request;

	it.each(URLS)('agrees with the transport on %j', (baseUrl) => {
		const $credentials = { accessToken: 'tok', accountId: '1', baseUrl };
		const method = evaluate(String(request.method), { $credentials });
		const url = String(evaluate(String(request.url), { $credentials }));
		const base = String(evaluate(String(request.baseURL), { $credentials }));
		const checked = apiBaseUrl({ baseUrl });
		if (isProblem(checked)) {
			// Refused: n8n answers a data: URL itself (POST → 405, a rule names the refusal); nothing goes out.
			expect([method, url.startsWith('data:'), base]).toEqual(['POST', true, '']);
		} else {
			// The same address (URL parsing lowercases the scheme and host; n8n is handed it as written).
			expect([method, url, new URL(base).toString()]).toEqual(['GET', '/users/me', checked.value.toString()]);
		}
	});

	it('never follows a redirect, and names redirects and refusals in its rules', () => {
		expect(request.disableFollowRedirect).toBe(true);
		expect(request.sendCredentialsOnCrossOriginRedirect).toBe(false);
		const rules = (credential.test.rules ?? []) as Array<{ properties: { value: number; message: string } }>;
		const byCode = new Map(rules.map((rule) => [rule.properties.value, rule.properties.message]));
		for (const code of [301, 302, 303, 307, 308]) expect(byCode.get(code)).toMatch(/redirect/i);
		expect(byCode.get(405)).toMatch(/"API Base URL" must use https/);
	});
});

describe('the OAuth2 credential gives n8n only URLs that pass the rule', () => {
	const properties = new HarvestAppOAuth2Api().properties;
	const hidden = (name: string) => String(properties.find((p) => p.name === name && p.type === 'hidden')?.default);

	it.each([
		['authUrl', 'harvestAuthorizationUrl', 'Authorization URL'],
		['accessTokenUrl', 'harvestAccessTokenUrl', 'Access Token URL'],
	])('%s comes from %s, checked', (target, field, label) => {
		for (const raw of URLS) {
			const value = String(evaluate(hidden(target), { $self: { [field]: raw } }));
			const trimmed = raw.trim();
			const fine = /^https:\/\/[^/?#@\s\\]+([/?][^#\s]*)?$/i.test(trimmed) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?([/?][^#\s]*)?$/i.test(trimmed);
			if (trimmed === '') expect(value).toMatch(/^https:\/\/id\.getharvest\.com\//);
			else if (fine) expect(value).toBe(trimmed.replace(/\/+$/, ''));
			else {
				expect(value.startsWith('data:text/plain,')).toBe(true);
				expect(decodeURIComponent(value)).toContain(`"${label}" must use https`);
			}
		}
	});
});
