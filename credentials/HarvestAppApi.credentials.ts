import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseCode,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { apiBaseUrlCredentialField } from '../nodes/shared/descriptions/connection';
import {
	dataUrl,
	DEFAULT_API_BASE_URL,
	refusedUrlMessage,
	SAFE_BASE_URL_PATTERN,
	urlRuleExpressions,
	USER_AGENT,
} from '../nodes/shared/transport/connection';

/** The credential's API base under the URL rule (n8n evaluates these; see urlRuleExpressions). */
const BASE = urlRuleExpressions('$credentials.baseUrl', DEFAULT_API_BASE_URL, SAFE_BASE_URL_PATTERN);
/**
 * What the test asks instead of a refused API base: a `data:` URL, which n8n answers itself without any network.
 * Asked with POST it answers 405, which no Harvest GET /users/me does, so a rule can name the refusal.
 */
const REFUSED_ANSWER = dataUrl('text/plain', 'refused');
const REFUSED_STATUS = 405;

/** A redirect is never followed with the token: the test fails and says why. */
const REDIRECT_RULES: IAuthenticateRuleResponseCode[] = [301, 302, 303, 307, 308].map((code) => ({
	type: 'responseCode' as const,
	properties: {
		value: code,
		message: `The API Base URL answered with a redirect (HTTP ${code}). Redirects are not followed, so the token goes nowhere else: enter the address Harvest (or your proxy) answers on directly.`,
	},
}));

export class HarvestAppApi implements ICredentialType {
	name = 'harvestAppApi';

	displayName = 'Harvest App API';

	icon = { light: 'file:../icons/harvestApp.svg', dark: 'file:../icons/harvestApp.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-harvestapp/n8n-nodes-harvestapp#personal-access-token';

	properties: INodeProperties[] = [
		{
			displayName:
				'Create a token in Harvest ID under Developers → Create new personal access token (https://id.getharvest.com/developers). The same page lists the Account IDs the token can reach.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Personal Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 123456',
			description:
				'The Harvest account to work in, shown next to the token on the Developers page. A node can pick another account the token reaches.',
		},
		apiBaseUrlCredentialField,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	// n8n runs this request itself, outside our transport, so it carries the transport's rules on its own:
	// the API base must pass the URL rule, and redirects are neither followed nor given the token.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${BASE.ok} ? ${BASE.value} : "" }}`,
			url: `={{ ${BASE.ok} ? "/users/me" : ${JSON.stringify(REFUSED_ANSWER)} }}`,
			method: `={{ ${BASE.ok} ? "GET" : "POST" }}` as 'GET',
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
			headers: {
				'Harvest-Account-Id': '={{$credentials.accountId}}',
				'User-Agent': USER_AGENT,
			},
		},
		rules: [
			...REDIRECT_RULES,
			{ type: 'responseCode', properties: { value: REFUSED_STATUS, message: refusedUrlMessage('API Base URL') } },
		],
	};
}
