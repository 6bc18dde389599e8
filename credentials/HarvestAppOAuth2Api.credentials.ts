import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { apiBaseUrlCredentialField } from '../nodes/shared/descriptions/connection';
import {
	dataUrl,
	HARVEST_ID_URL,
	refusedUrlMessage,
	SAFE_ENDPOINT_URL_PATTERN,
	urlRuleExpressions,
} from '../nodes/shared/transport/connection';

const AUTHORIZATION_URL = `${HARVEST_ID_URL}/oauth2/authorize`;
const ACCESS_TOKEN_URL = `${HARVEST_ID_URL}/api/v2/oauth2/token`;

/**
 * The URL n8n's OAuth2 flow uses for `field`: the field itself when it passes the URL rule, otherwise a `data:`
 * URL holding the refusal, which sends nothing anywhere (the browser shows the words; a token request fails).
 */
function checkedOAuthUrl(field: string, fallback: string, label: string): string {
	const url = urlRuleExpressions(`$self["${field}"]`, fallback, SAFE_ENDPOINT_URL_PATTERN);
	return `={{ ${url.ok} ? ${url.value} : ${JSON.stringify(dataUrl('text/plain', refusedUrlMessage(label)))} }}`;
}

export class HarvestAppOAuth2Api implements ICredentialType {
	name = 'harvestAppOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Harvest App OAuth2 API';

	icon = { light: 'file:../icons/harvestApp.svg', dark: 'file:../icons/harvestApp.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-harvestapp/n8n-nodes-harvestapp#oauth2';

	properties: INodeProperties[] = [
		{
			displayName:
				'Register an OAuth2 application in Harvest ID under Developers (https://id.getharvest.com/developers) with the OAuth Redirect URL shown below, then copy its Client ID and Client Secret here.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'harvestAuthorizationUrl',
			type: 'string',
			default: AUTHORIZATION_URL,
			description: 'Change only for a proxy or a local Harvest sandbox. Must be https, except for localhost and 127.0.0.1.',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'harvestAccessTokenUrl',
			type: 'string',
			default: ACCESS_TOKEN_URL,
			description: 'Change only for a proxy or a local Harvest sandbox. Must be https, except for localhost and 127.0.0.1.',
			required: true,
		},
		// n8n's OAuth2 flow reads these two; they are the fields above, checked by the URL rule inside n8n, so the
		// client secret and codes never go to a plain-http host on a network.
		{
			displayName: 'Checked Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: checkedOAuthUrl('harvestAuthorizationUrl', AUTHORIZATION_URL, 'Authorization URL'),
		},
		{
			displayName: 'Checked Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: checkedOAuthUrl('harvestAccessTokenUrl', ACCESS_TOKEN_URL, 'Access Token URL'),
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'harvest:all',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 123456',
			description:
				'The Harvest account to work in. Leave empty when the authorization reaches a single account; a node can also pick the account from a list.',
		},
		apiBaseUrlCredentialField,
	];
}
