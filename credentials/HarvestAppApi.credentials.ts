import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { apiBaseUrlCredentialField } from '../nodes/shared/descriptions/connection';
import { USER_AGENT } from '../nodes/shared/transport/connection';

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

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/users/me',
			headers: {
				'Harvest-Account-Id': '={{$credentials.accountId}}',
				'User-Agent': USER_AGENT,
			},
		},
	};
}
