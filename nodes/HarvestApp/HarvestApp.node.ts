import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { built } from './properties';

type ListSearch = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;
type LoadOptions = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

/**
 * n8n loads every installed node when it starts and sends its description to the editor, but runs an
 * operation or an editor method only when asked. So the class carries the built fields (properties.ts) and
 * loads the operations (the router) and the editor methods on first use.
 */
function lazy<T extends (this: ILoadOptionsFunctions, ...args: never[]) => Promise<unknown>>(
	kind: 'listSearch' | 'loadOptions',
	names: string[],
): Record<string, T> {
	return Object.fromEntries(
		names.map((name) => [
			name,
			async function (this: ILoadOptionsFunctions, ...args: never[]) {
				const methods = (await import('./methods'))[kind] as unknown as Record<string, T>;
				return await methods[name].apply(this, args);
			} as T,
		]),
	);
}

export class HarvestApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harvest App',
		name: 'harvestApp',
		icon: { light: 'file:../../icons/harvestApp.svg', dark: 'file:../../icons/harvestApp.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: built.subtitle,
		description: 'Track time, manage projects and clients, and bill from Harvest',
		defaults: { name: 'Harvest App' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: built.credentials,
		properties: built.properties,
	};

	methods = {
		listSearch: lazy<ListSearch>('listSearch', built.methods.listSearch),
		loadOptions: lazy<LoadOptions>('loadOptions', built.methods.loadOptions),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { router } = await import('./actions/router');
		return await router.call(this);
	}
}
