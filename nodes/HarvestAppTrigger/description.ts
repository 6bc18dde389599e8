import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../shared/descriptions/limit';
import { accountField, authenticationField } from '../shared/descriptions/connection';
import { DEFAULT_OVERLAP_SECONDS } from './poller/plan';
import { targetOptions, WATCHED_FIELDS } from './fields';
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
		'Harvest keeps no record of deletions. To be told of them, choose the event Deleted, or Report Deletions under Options: the trigger then lists every watched ID now and then (see Check for Deletions Every).',
	name: 'deletionNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { event: ['new', 'newOrUpdated'] } },
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

const EVENT_DESCRIPTIONS = {
	deleted: 'A record was deleted. Found by listing every watched ID now and then (see Options).',
	new: 'A record was created. Each record triggers once.',
	newOrUpdated: 'A record was created or changed. Each item\'s "event" field says which.',
	fieldChanged: 'A chosen field changed, e.g. an invoice was paid. Each change triggers once, with previous and current values.',
};

/** Resources with fields to watch also offer "Field Changed" (an invoice paid, a time entry approved…). */
const fieldResources = WATCHED_RESOURCES.map((resource) => resource.value).filter((value) => WATCHED_FIELDS[value]);

// Written out twice (the linter checks defaults against literal options): with and without "Field Changed".
const eventProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Deleted', value: 'deleted', description: EVENT_DESCRIPTIONS.deleted },
			{ name: 'Field Changed', value: 'fieldChanged', description: EVENT_DESCRIPTIONS.fieldChanged },
			{ name: 'New', value: 'new', description: EVENT_DESCRIPTIONS.new },
			{ name: 'New or Updated', value: 'newOrUpdated', description: EVENT_DESCRIPTIONS.newOrUpdated },
		],
		default: 'new',
		displayOptions: { show: { resource: fieldResources } },
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Deleted', value: 'deleted', description: EVENT_DESCRIPTIONS.deleted },
			{ name: 'New', value: 'new', description: EVENT_DESCRIPTIONS.new },
			{ name: 'New or Updated', value: 'newOrUpdated', description: EVENT_DESCRIPTIONS.newOrUpdated },
		],
		default: 'new',
		displayOptions: { hide: { resource: fieldResources } },
	},
];

/** Per resource: which field to watch; per field: the values to report changes to. */
const fieldProperties: INodeProperties[] = Object.entries(WATCHED_FIELDS).flatMap(([resource, fields]) => [
	{
		displayName: 'Field',
		name: 'watchField',
		type: 'options' as const,
		noDataExpression: true,
		options: fields.map((field) => ({ name: field.label, value: field.name })).sort((a, b) => a.name.localeCompare(b.name)),
		default: fields[0].name,
		displayOptions: { show: { resource: [resource], event: ['fieldChanged'] } },
	},
	...fields.map(
		(field): INodeProperties => ({
			displayName: 'To Values',
			name: 'toValues',
			type: 'multiOptions',
			options: targetOptions(field),
			default: [],
			description: 'Report only changes to one of these values; leave empty to report every change',
			displayOptions: { show: { resource: [resource], event: ['fieldChanged'], watchField: [field.name] } },
		}),
	),
]);

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
			displayName: 'Check for Deletions Every',
			name: 'deletionCheckEvery',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 15,
			displayOptions: { show: { '/event': ['new', 'newOrUpdated', 'deleted'] } },
			hint: 'Each check lists every watched record: ceil(N / 2000) requests for N records (1 up to 2,000; 50 for 100,000), plus one per record missing from the list',
			description: 'How often to look for deleted records (with the event Deleted, or Report Deletions), in the unit below',
		},
		{
			displayName: 'Deletion Check Unit',
			name: 'deletionCheckUnit',
			type: 'options',
			options: [
				{ name: 'Minutes', value: 'minutes' },
				{ name: 'Polls', value: 'polls' },
			],
			default: 'minutes',
			displayOptions: { show: { '/event': ['new', 'newOrUpdated', 'deleted'] } },
		},
		{
			displayName: 'Deletion Window Days',
			name: 'deletionWindowDays',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 90,
			displayOptions: { show: { '/event': ['new', 'newOrUpdated', 'deleted', 'fieldChanged'], '/resource': ['timeEntry', 'expense'] } },
			description:
				'Time entries and expenses can number hundreds of thousands: deletions (and field values) are watched for those spent in the last this many days',
		},
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
			displayName: 'Report Deletions',
			name: 'reportDeletions',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/event': ['new', 'newOrUpdated'] } },
			description: 'Whether to report deleted records too (event "deleted"), checked as set in Check for Deletions Every',
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
	...eventProperties,
	...fieldProperties,
	...filterCollections,
	limitProperty,
	optionsProperty,
];
