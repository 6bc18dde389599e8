// The credentials the e2e workflows refer to by id. They are generated per run because the sandbox port
// and token are only known then; workflow fixtures stay static.
import type { SandboxInfo } from './sandbox';

export const CRED = {
	pat: { id: 'e2eHarvestPat001', name: 'Harvest sandbox (token)' },
	trigger: { id: 'e2eHarvestTrg001', name: 'Harvest trigger sandbox (token)' },
	oauth: { id: 'e2eHarvestOAu001', name: 'Harvest sandbox (OAuth2)' },
	badToken: { id: 'e2eHarvestBad001', name: 'Harvest sandbox (wrong token)' },
	/** The credential the example workflows (test/e2e/examples) name; `npm start` creates it. */
	demo: { id: 'harvestAppDemo01', name: 'Harvest (sandbox demo)' },
} as const;

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
