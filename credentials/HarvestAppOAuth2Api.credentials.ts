import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { apiBaseUrlCredentialField } from '../nodes/shared/descriptions/connection';

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
			name: 'authUrl',
			type: 'string',
			default: 'https://id.getharvest.com/oauth2/authorize',
			description: 'Change only for a proxy or a local Harvest sandbox',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: 'https://id.getharvest.com/api/v2/oauth2/token',
			description: 'Change only for a proxy or a local Harvest sandbox',
			required: true,
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
