// The credentials the e2e workflows refer to by id. They are generated per run because the sandbox port
// and token are only known then; workflow fixtures stay static.
import type { CounterpartsInfo } from '../counterparts';
import { CREDENTIALS } from './examples/build/workflow';
import type { Owner } from './rest';
import type { SandboxInfo } from './sandbox';

export const CRED = {
	pat: { id: 'e2eHarvestPat001', name: 'Harvest sandbox (token)' },
	trigger: { id: 'e2eHarvestTrg001', name: 'Harvest trigger sandbox (token)' },
	oauth: { id: 'e2eHarvestOAu001', name: 'Harvest sandbox (OAuth2)' },
	badToken: { id: 'e2eHarvestBad001', name: 'Harvest sandbox (wrong token)' },
	/** The credential the example workflows (test/e2e/examples) name; `npm start` creates it. */
	demo: { id: CREDENTIALS.harvest.id, name: CREDENTIALS.harvest.name },
	/** The e2e run's examples work in a sandbox of their own. */
	examples: { id: 'e2eHarvestExm001', name: 'Harvest examples sandbox (token)' },
} as const;

/** `npm start`'s owner login and its OAuth2 demo credential (single and queue mode alike). */
export const DEMO_OWNER: Owner = { email: 'demo@example.com', firstName: 'Demo', lastName: 'Owner', password: 'Harvest-demo-1' };
export const OAUTH_DEMO = { id: 'harvestAppDemoOA', name: 'Harvest (sandbox demo, OAuth2)' };

export function patCredential(id: string, name: string, sandbox: SandboxInfo, token = sandbox.token) {
	return {
		id,
		name,
		type: 'harvestAppApi',
		data: { accessToken: token, accountId: String(sandbox.accountId), baseUrl: sandbox.url },
	};
}

/**
 * An OAuth2 credential pointed at the sandbox's Harvest ID endpoints; it holds no token until authorized.
 * It works in the sandbox's second Harvest account, so tests can tell it apart from the token credential.
 */
export function oauthCredential(id: string, name: string, sandbox: SandboxInfo) {
	const harvestAccounts = (sandbox.accounts ?? []).filter((a) => a.product !== 'forecast');
	const idUrl = sandbox.idUrl.replace(/\/+$/, '');
	return {
		id,
		name,
		type: 'harvestAppOAuth2Api',
		data: {
			clientId: sandbox.oauth?.clientId ?? '',
			clientSecret: sandbox.oauth?.clientSecret ?? '',
			harvestAuthorizationUrl: `${idUrl}/oauth2/authorize`,
			harvestAccessTokenUrl: `${idUrl}/api/v2/oauth2/token`,
			grantType: 'authorizationCode',
			scope: 'harvest:all',
			authentication: 'body',
			authQueryParameters: '',
			accountId: String(harvestAccounts[1]?.id ?? sandbox.accountId),
			baseUrl: sandbox.url,
		},
	};
}

/**
 * The credentials the workflow fixtures (test/e2e/workflows) name: the token, the trigger's token (in a sandbox of
 * its own), a wrong token and OAuth2. The e2e and deploy tiers run those fixtures, so both create these.
 */
export function fixtureCredentials(sandbox: SandboxInfo, triggerSandbox: SandboxInfo) {
	return [
		patCredential(CRED.pat.id, CRED.pat.name, sandbox),
		patCredential(CRED.trigger.id, CRED.trigger.name, triggerSandbox),
		patCredential(CRED.badToken.id, CRED.badToken.name, sandbox, 'not-a-valid-token-000'),
		oauthCredential(CRED.oauth.id, CRED.oauth.name, sandbox),
	];
}

/**
 * The n8n credentials the example workflows use for their counterparts (test/counterparts), by the fixed ids
 * the examples name: Query Auth for Bitrix24 and Upsales, Header Auth for Runn, OAuth2 client credentials for Domo.
 */
export function counterpartCredentials(info: CounterpartsInfo) {
	const { bitrix24, domo, runn, upsales } = CREDENTIALS;
	return [
		{ id: bitrix24.id, name: bitrix24.name, type: bitrix24.type, data: { name: 'auth', value: info.bitrix24.token } },
		{
			id: domo.id,
			name: domo.name,
			type: domo.type,
			data: {
				grantType: 'clientCredentials',
				accessTokenUrl: info.domo.tokenUrl,
				clientId: info.domo.clientId,
				clientSecret: info.domo.clientSecret,
				scope: info.domo.scope,
				authentication: 'header',
				authQueryParameters: '',
			},
		},
		{ id: runn.id, name: runn.name, type: runn.type, data: { name: 'Authorization', value: `Bearer ${info.runn.token}` } },
		{ id: upsales.id, name: upsales.name, type: upsales.type, data: { name: 'token', value: info.upsales.token } },
	];
}
