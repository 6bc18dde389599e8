import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../shared/descriptions/limit';
import { accountField, authenticationField } from '../shared/descriptions/connection';
import { DEFAULT_OVERLAP_SECONDS } from './poller/plan';
import { WATCHED_RESOURCES } from './resources';

/**
 * The action node's Get Many "Limit" (same name, type, minimum, default and wording), shown always, since a poll
 * has no "Return All", and with a hint on how the rest is carried over.
 */
function triggerLimit(): INodeProperties {
	const shared = returnAllOrLimit().find((property) => property.name === 'limit');
	if (!shared) throw new Error('The shared Get Many fields have no "limit"');
	const limit: INodeProperties = {
		...shared,
		hint: 'Per poll. When more changed, the oldest come first and the rest follow in the next polls; none are skipped.',
	};
	delete limit.displayOptions;
	return limit;
}

const limitProperty = triggerLimit();

export const DEFAULT_LIMIT = Number(limitProperty.default);

const deletionNotice: INodeProperties = {
	displayName:
		'Harvest keeps no record of deletions, so a deleted record never triggers this node. Creations and changes are found by polling.',
	name: 'deletionNotice',
	type: 'notice',
	default: '',
};

/** Written out for the editor and the linter; a test checks it lists exactly WATCHED_RESOURCES. */
export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Client', value: 'client' },
		{ name: 'Contact', value: 'contact' },
		{ name: 'Estimate', value: 'estimate' },
		{ name: 'Estimate Item Category', value: 'estimateItemCategory' },
		{ name: 'Expense', value: 'expense' },
		{ name: 'Expense Category', value: 'expenseCategory' },
		{ name: 'Invoice', value: 'invoice' },
		{ name: 'Invoice Item Category', value: 'invoiceItemCategory' },
		{ name: 'Project', value: 'project' },
		{ name: 'Task', value: 'task' },
		{ name: 'Task Assignment', value: 'taskAssignment' },
		{ name: 'Time Entry', value: 'timeEntry' },
		{ name: 'User', value: 'user' },
		{ name: 'User Assignment', value: 'userAssignment' },
	],
	default: 'timeEntry',
	description: 'The kind of Harvest record to watch',
};

const eventProperty: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'New',
			value: 'new',
			description: 'A record was created. Each record triggers once.',
		},
		{
			name: 'New or Updated',
			value: 'newOrUpdated',
			description: 'A record was created or changed. Each item\'s "event" field says which.',
		},
	],
	default: 'new',
};

/** One Filters collection per resource that has any, shown only for that resource. */
const filterCollections: INodeProperties[] = WATCHED_RESOURCES.filter((resource) => resource.filters.length > 0).map(
	(resource) => ({
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: [resource.value] } },
		options: resource.filters
			.map((filter) => filter.property)
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	}),
);

const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Include Existing',
			name: 'includeExisting',
			type: 'boolean',
			default: false,
			description:
				'Whether the first polls also return every record that already exists, oldest first (Limit per poll). Takes precedence over Start From.',
		},
		{
			displayName: 'Overlap Seconds',
			name: 'overlapSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_OVERLAP_SECONDS,
			description:
				"How far behind the last change each poll looks again, for changes Harvest saves late. Results already returned are recognised and not returned twice.",
		},
		{
			displayName: 'Start From',
			name: 'startFrom',
			type: 'dateTime',
			default: '',
			description:
				"Return records created or changed since this time instead of only those after activation. A time without an offset is read in the workflow's time zone.",
		},
	],
};

export const triggerProperties: INodeProperties[] = [
	authenticationField,
	accountField,
	deletionNotice,
	resourceProperty,
	eventProperty,
	...filterCollections,
	limitProperty,
	optionsProperty,
];
