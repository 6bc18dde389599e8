import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { accountField, authenticationField, harvestCredentials } from '../shared/descriptions/connection';
import { resourceDescriptions, resourceProperty } from './actions';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';

export class HarvestApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harvest App',
		name: 'harvestApp',
		icon: { light: 'file:../../icons/harvestApp.svg', dark: 'file:../../icons/harvestApp.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Track time, manage projects and clients, and bill from Harvest',
		defaults: { name: 'Harvest App' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: harvestCredentials,
		properties: [authenticationField, accountField, resourceProperty, ...resourceDescriptions],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
