import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { accountField, authenticationField, harvestCredentials } from '../shared/descriptions/connection';
import { RESOURCES, resourceDescriptions, resourceProperty } from './actions';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';

/**
 * `{"timeEntry:getAll":"Get many time entries",…}`: what each operation does, in the words of its action, so
 * the canvas reads "Create an invoice" rather than "create: invoice". Flat on purpose: n8n ends an expression
 * at the first `}}`, which a nested object would contain.
 */
const ACTIONS = JSON.stringify(
	Object.fromEntries(
		Object.entries(RESOURCES).flatMap(([resource, { description }]) =>
			((description[0].options ?? []) as INodePropertyOptions[]).map((o) => [`${resource}:${String(o.value)}`, o.action]),
		),
	),
);

export class HarvestApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harvest App',
		name: 'harvestApp',
		icon: { light: 'file:../../icons/harvestApp.svg', dark: 'file:../../icons/harvestApp.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: `={{(${ACTIONS})[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"]}}`,
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
