import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	APPROVAL_STATUSES,
	endpoint,
	ESTIMATE_STATES,
	INVOICE_STATES,
	type EndpointKey,
} from '../shared/catalogue';
import { locator, type LocatorKind } from '../shared/descriptions/locators';

/** A filter the user set, as the poll applies it: in the query where Harvest can, else on each record. */
export interface AppliedFilter {
	qs?: IDataObject;
	match?: (record: IDataObject) => boolean;
	/** What a record check depends on, so a change to it resets the trigger's state. */
	matchKey?: unknown;
}

export interface TriggerFilter {
	property: INodeProperties;
	/** Harvest query filters this one relies on; the tests check them against the catalogue. */
	queryFilters: readonly string[];
	apply: (value: unknown) => AppliedFilter | undefined;
}

export interface WatchedResource {
	/** Parameter value. */
	value: string;
	label: string;
	/** For messages: "No time entries found…". */
	plural: string;
	list: EndpointKey;
	filters: readonly TriggerFilter[];
	/** Reads one record by id (no parent needed): how a missing id is confirmed as deleted. */
	get?: EndpointKey;
	/** Time entries and expenses: deletions are watched within a window of days by `spent_date`. */
	dated?: boolean;
}

/** Thrown for a filter value that cannot be sent; the node turns it into a NodeOperationError. */
export class FilterProblem extends Error {}

/** A record id from a picker (From List / By URL / By ID) or a plain number. */
export function readId(value: unknown, label: string): number | undefined {
	let raw = value;
	if (raw && typeof raw === 'object' && 'value' in (raw as IDataObject)) raw = (raw as IDataObject).value;
	if (raw === undefined || raw === null || raw === '') return undefined;
	const text = String(raw).trim();
	// A web-app URL ends in the id (https://acme.harvestapp.com/projects/123).
	const match = /^(\d+)$/.exec(text) ?? /^https?:\/\/[^/]+\/(?:[\w-]+\/)*?(\d+)(?:[/?#].*)?$/.exec(text);
	if (!match) throw new FilterProblem(`The filter "${label}" needs a Harvest ID (a number), not "${text}"`);
	return Number(match[1]);
}

function idFilter(kind: LocatorKind, queryName: string, label: string, what: string): TriggerFilter {
	return {
		property: locator(kind, {
			name: `${kind}Id`,
			displayName: label,
			required: false,
			description: `Only ${what} of this ${label.toLowerCase()}`,
		}),
		queryFilters: [queryName],
		apply: (value) => {
			const id = readId(value, label);
			return id === undefined ? undefined : { qs: { [queryName]: id } };
		},
	};
}

/** Assignments have no project filter on the account-wide list; the project is matched on each record. */
function projectMatchFilter(what: string): TriggerFilter {
	return {
		property: locator('project', {
			name: 'projectId',
			displayName: 'Project',
			required: false,
			description: `Only ${what} of this project (checked on each record, as Harvest's list has no such filter)`,
		}),
		queryFilters: [],
		apply: (value) => {
			const id = readId(value, 'Project');
			if (id === undefined) return undefined;
			return { match: (record) => Number((record.project as IDataObject | undefined)?.id) === id, matchKey: id };
		},
	};
}

const activeOnly = (what: string): TriggerFilter => ({
	property: {
		displayName: 'Active Only',
		name: 'activeOnly',
		type: 'boolean',
		default: false,
		description: `Whether to watch only active ${what}; archiving one then ends its events`,
	},
	queryFilters: ['is_active'],
	apply: (value) => (value === true ? { qs: { is_active: true } } : undefined),
});

const billing: TriggerFilter = {
	property: {
		displayName: 'Billed',
		name: 'billed',
		type: 'options',
		options: [
			{ name: 'Billed Only', value: 'billed' },
			{ name: 'Unbilled Only', value: 'unbilled' },
		],
		default: 'unbilled',
		description: 'Whether to watch only billed or only unbilled records',
	},
	queryFilters: ['is_billed'],
	apply: (value) => (value === 'billed' || value === 'unbilled' ? { qs: { is_billed: value === 'billed' } } : undefined),
};

/**
 * A one-of filter. The options are written out (the linter checks defaults against them); a test checks they
 * are exactly the catalogue's values.
 */
function optionFilter(property: INodeProperties, queryName: string, values: readonly string[]): TriggerFilter {
	return {
		property,
		queryFilters: [queryName],
		apply: (value) => {
			if (value === undefined || value === '') return undefined;
			if (!values.includes(String(value))) {
				throw new FilterProblem(
					`The filter "${property.displayName}" must be one of ${values.join(', ')}, not "${String(value)}"`,
				);
			}
			return { qs: { [queryName]: value } };
		},
	};
}

const approvalStatus = (what: string): TriggerFilter =>
	optionFilter(
		{
			displayName: 'Approval Status',
			name: 'approvalStatus',
			type: 'options',
			options: [
				{ name: 'Approved', value: 'approved' },
				{ name: 'Submitted', value: 'submitted' },
				{ name: 'Unsubmitted', value: 'unsubmitted' },
			],
			default: 'approved',
			description: `Only ${what} with this approval status`,
		},
		'approval_status',
		APPROVAL_STATUSES,
	);

const invoiceState = optionFilter(
	{
		displayName: 'State',
		name: 'state',
		type: 'options',
		options: [
			{ name: 'Closed', value: 'closed' },
			{ name: 'Draft', value: 'draft' },
			{ name: 'Open', value: 'open' },
			{ name: 'Paid', value: 'paid' },
		],
		default: 'open',
		description: 'Only invoices in this state',
	},
	'state',
	INVOICE_STATES,
);

const estimateState = optionFilter(
	{
		displayName: 'State',
		name: 'state',
		type: 'options',
		options: [
			{ name: 'Accepted', value: 'accepted' },
			{ name: 'Declined', value: 'declined' },
			{ name: 'Draft', value: 'draft' },
			{ name: 'Sent', value: 'sent' },
		],
		default: 'sent',
		description: 'Only estimates in this state',
	},
	'state',
	ESTIMATE_STATES,
);

const excludeRunningTimers: TriggerFilter = {
	property: {
		displayName: 'Exclude Running Timers',
		name: 'excludeRunningTimers',
		type: 'boolean',
		default: false,
		description:
			'Whether to leave out time entries whose timer is running. A stopped timer then appears as a change to the entry (use "New or Updated" to see it).',
	},
	queryFilters: ['is_running'],
	apply: (value) => (value === true ? { qs: { is_running: false } } : undefined),
};

/**
 * Every Harvest list the trigger can watch: each account-wide list that takes `updated_since`. Lists scoped to
 * one invoice, estimate or user (messages, payments, project assignments) are left out, as are lists without
 * `updated_since` (roles, rates, teammates, reports), which cannot be polled without reading them in full.
 */
export const WATCHED_RESOURCES: readonly WatchedResource[] = [
	{ value: 'client', label: 'Client', plural: 'clients', list: 'GET /clients', get: 'GET /clients/{clientId}', filters: [activeOnly('clients')] },
	{
		value: 'contact',
		label: 'Contact',
		plural: 'contacts',
		list: 'GET /contacts',
		get: 'GET /contacts/{contactId}',
		filters: [idFilter('client', 'client_id', 'Client', 'contacts')],
	},
	{
		value: 'estimate',
		label: 'Estimate',
		plural: 'estimates',
		list: 'GET /estimates',
		get: 'GET /estimates/{estimateId}',
		filters: [
			idFilter('client', 'client_id', 'Client', 'estimates'),
			estimateState,
		],
	},
	{
		value: 'estimateItemCategory',
		label: 'Estimate Item Category',
		plural: 'estimate item categories',
		list: 'GET /estimate_item_categories',
		get: 'GET /estimate_item_categories/{estimateItemCategoryId}',
		filters: [],
	},
	{
		value: 'expense',
		label: 'Expense',
		plural: 'expenses',
		list: 'GET /expenses',
		get: 'GET /expenses/{expenseId}',
		dated: true,
		filters: [
			approvalStatus('expenses'),
			billing,
			idFilter('client', 'client_id', 'Client', 'expenses'),
			idFilter('project', 'project_id', 'Project', 'expenses'),
			idFilter('user', 'user_id', 'User', 'expenses'),
		],
	},
	{
		value: 'expenseCategory',
		label: 'Expense Category',
		plural: 'expense categories',
		list: 'GET /expense_categories',
		get: 'GET /expense_categories/{expenseCategoryId}',
		filters: [activeOnly('expense categories')],
	},
	{
		value: 'invoice',
		label: 'Invoice',
		plural: 'invoices',
		list: 'GET /invoices',
		get: 'GET /invoices/{invoiceId}',
		filters: [
			idFilter('client', 'client_id', 'Client', 'invoices'),
			idFilter('project', 'project_id', 'Project', 'invoices'),
			invoiceState,
		],
	},
	{
		value: 'invoiceItemCategory',
		label: 'Invoice Item Category',
		plural: 'invoice item categories',
		list: 'GET /invoice_item_categories',
		get: 'GET /invoice_item_categories/{invoiceItemCategoryId}',
		filters: [],
	},
	{
		value: 'project',
		label: 'Project',
		plural: 'projects',
		list: 'GET /projects',
		get: 'GET /projects/{projectId}',
		filters: [activeOnly('projects'), idFilter('client', 'client_id', 'Client', 'projects')],
	},
	{ value: 'task', label: 'Task', plural: 'tasks', list: 'GET /tasks', get: 'GET /tasks/{taskId}', filters: [activeOnly('tasks')] },
	{
		value: 'taskAssignment',
		label: 'Task Assignment',
		plural: 'task assignments',
		list: 'GET /task_assignments',
		filters: [activeOnly('task assignments'), projectMatchFilter('task assignments')],
	},
	{
		value: 'timeEntry',
		label: 'Time Entry',
		plural: 'time entries',
		list: 'GET /time_entries',
		get: 'GET /time_entries/{timeEntryId}',
		dated: true,
		filters: [
			approvalStatus('time entries'),
			billing,
			idFilter('client', 'client_id', 'Client', 'time entries'),
			excludeRunningTimers,
			idFilter('project', 'project_id', 'Project', 'time entries'),
			idFilter('task', 'task_id', 'Task', 'time entries'),
			idFilter('user', 'user_id', 'User', 'time entries'),
		],
	},
	{ value: 'user', label: 'User', plural: 'users', list: 'GET /users', get: 'GET /users/{userId}', filters: [activeOnly('users')] },
	{
		value: 'userAssignment',
		label: 'User Assignment',
		plural: 'user assignments',
		list: 'GET /user_assignments',
		filters: [
			activeOnly('user assignments'),
			projectMatchFilter('user assignments'),
			idFilter('user', 'user_id', 'User', 'user assignments'),
		],
	},
];

export function watchedResource(value: string): WatchedResource | undefined {
	return WATCHED_RESOURCES.find((resource) => resource.value === value);
}

export interface ResolvedFilters {
	qs: IDataObject;
	match: (record: IDataObject) => boolean;
	/**
	 * Whether a record read on its own (not through the filtered list) still falls under every filter, the query
	 * filters included: `client_id` against the record's `client.id`, `is_active` against `is_active`, and so on.
	 */
	stillMatches: (record: IDataObject) => boolean;
	/** The filters in effect, for the state's fingerprint. */
	effective: IDataObject;
}

/** Turns the Filters collection into query parameters and a record check. */
export function resolveFilters(resource: WatchedResource, values: IDataObject): ResolvedFilters {
	const qs: IDataObject = {};
	const checks: Array<(record: IDataObject) => boolean> = [];
	const effective: IDataObject = {};
	for (const filter of resource.filters) {
		const name = filter.property.name;
		const applied = filter.apply(values[name]);
		if (!applied) continue;
		Object.assign(qs, applied.qs);
		if (applied.match) checks.push(applied.match);
		effective[name] = { qs: applied.qs, match: applied.matchKey };
	}
	const match = (record: IDataObject) => checks.every((check) => check(record));
	const stillMatches = (record: IDataObject) => match(record) && Object.entries(qs).every(([name, value]) => queryFilterHolds(record, name, value));
	return { qs, match, stillMatches, effective };
}

/** A query filter checked on one record: `x_id` is the id of the record's `x`, others compare as given. */
function queryFilterHolds(record: IDataObject, name: string, value: unknown): boolean {
	if (name.endsWith('_id')) {
		const related = record[name.slice(0, -3)] as IDataObject | undefined;
		const actual = related && typeof related === 'object' ? related.id : record[name];
		return String(actual) === String(value);
	}
	// is_running=false: a running timer has is_running true.
	return String(record[name]) === String(value);
}

export function listSpec(resource: WatchedResource) {
	const spec = endpoint(resource.list);
	if (!spec.list) throw new Error(`${resource.list} is not a list endpoint`);
	return { path: spec.path, key: spec.list.key };
}
