import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { harvestCredentials } from '../shared/descriptions/connection';
import { getAccounts } from '../shared/methods/accounts';
import { listSearch } from '../shared/methods/listSearch';
import { triggerProperties } from './description';
import { WATCHED_RESOURCES } from './resources';
import { pollHarvest } from './poll';

/** `{"timeEntry":"time entry",…}` for the subtitle, e.g. "New or updated time entry". */
const RESOURCE_NOUNS = JSON.stringify(
	Object.fromEntries(WATCHED_RESOURCES.map((resource) => [resource.value, resource.label.toLowerCase()])),
);

export class HarvestAppTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harvest App Trigger',
		name: 'harvestAppTrigger',
		icon: { light: 'file:../../icons/harvestApp.svg', dark: 'file:../../icons/harvestApp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{($parameter["event"] === "new" ? "New " : "New or updated ") + (${RESOURCE_NOUNS})[$parameter["resource"]]}}`,
		// n8n lists both nodes under one "Harvest App" entry with this text, so it speaks for both.
		description: 'Track time, manage projects and bill in Harvest; start workflows on new or changed records',
		defaults: { name: 'Harvest App Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: harvestCredentials,
		properties: triggerProperties,
	};

	methods = { listSearch, loadOptions: { getAccounts } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollHarvest.call(this);
	}
}
