import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { harvestAccounts } from '../transport';

/** The Harvest accounts the token reaches, for the node's account picker. */
export async function getAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const accounts = await harvestAccounts.call(this);
	return [
		{ name: 'From Credential', value: '', description: 'Use the Account ID set in the credential' },
		...accounts
			.sort((a, b) => a.name.localeCompare(b.name))
			.map((account) => ({ name: `${account.name} (${account.id})`, value: String(account.id) })),
	];
}
