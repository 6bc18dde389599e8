import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { harvestCredentials } from '../shared/descriptions/connection';
import { getAccounts } from '../shared/methods/accounts';
import { listSearch } from '../shared/methods/listSearch';
import { triggerProperties } from './description';
import { WATCHED_FIELDS } from './fields';
import { WATCHED_RESOURCES } from './resources';
import { pollHarvest } from './poll';

/** `{"timeEntry":"time entry",…}` for the subtitle, e.g. "New or updated time entry". */
const RESOURCE_NOUNS = JSON.stringify(
	Object.fromEntries(WATCHED_RESOURCES.map((resource) => [resource.value, resource.label.toLowerCase()])),
);
/** `{"approval_status":"approval status",…}` for the subtitle, e.g. "Changed time entry: approval status". */
const FIELD_WORDS = JSON.stringify(
	Object.fromEntries(Object.values(WATCHED_FIELDS).flatMap((fields) => fields.map((field) => [field.name, field.label.toLowerCase()]))),
);
/** The subtitle's opening words per event; "Field Changed" adds the field after the noun. */
const EVENT_WORDS = JSON.stringify({ new: 'New ', newOrUpdated: 'New or updated ', deleted: 'Deleted ', fieldChanged: 'Changed ' });

export class HarvestAppTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harvest App Trigger',
		name: 'harvestAppTrigger',
		icon: { light: 'file:../../icons/harvestApp.svg', dark: 'file:../../icons/harvestApp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			`={{(${EVENT_WORDS})[$parameter["event"]] + (${RESOURCE_NOUNS})[$parameter["resource"]]` +
			` + ($parameter["event"] === "fieldChanged" ? ": " + (${FIELD_WORDS})[$parameter["watchField"]] : "")}}`,
		// n8n lists both nodes under one "Harvest App" entry with this text, so it speaks for both.
		description: 'Track time, manage projects and bill in Harvest; start workflows on new, changed or deleted records',
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
