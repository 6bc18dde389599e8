import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_API_BASE_URL } from '../transport/connection';

/** Which credential a node uses; the transport reads it to pick the credential type. */
export const authenticationField: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Personal Access Token', value: 'accessToken' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'accessToken',
};

/** Both credential types, each shown for its authentication choice. */
export const harvestCredentials = [
	{ name: 'harvestAppApi', required: true, displayOptions: { show: { authentication: ['accessToken'] } } },
	{ name: 'harvestAppOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
];

/** A token may reach several Harvest accounts; this picks one for the node, overriding the credential's. */
export const accountField: INodeProperties = {
	displayName: 'Account Name or ID',
	name: 'accountId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getAccounts' },
	default: '',
	description:
		'The Harvest account to work in. Leave empty to use the Account ID of the credential. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Both credentials take the same API base, checked by the transport (https, or plain http on loopback only). */
export const apiBaseUrlCredentialField: INodeProperties = {
	displayName: 'API Base URL',
	name: 'baseUrl',
	type: 'string',
	default: DEFAULT_API_BASE_URL,
	description:
		'Change only to use a proxy or a local Harvest sandbox. Must be https, except for localhost and 127.0.0.1.',
};
