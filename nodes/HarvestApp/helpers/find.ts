import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { endpoint, identityKeys, MATCH_KEYS, type EndpointKey, type MatchKey } from '../../shared/catalogue';
import { harvestList } from '../../shared/transport';

import { filterSpecs, filtersCollection } from '../descriptions/list';
import { readFilters } from './body';
import type { HarvestOperation } from './interfaces';
import { matchingRecords, MATCH_MODES, type MatchMode } from './match';
import { describeOperation } from './operations';
import { invalid, readBoolean, readText, toOption } from './validation';

/**
 * Find: search only, never create. The fields every Find shares (what to match, how, and what to do with no
 * or several matches) are described once for all resources (`findFields`); each resource's own Find adds the
 * filters of its list.
 */

/**
 * Resources with a Find: the list each searches, how one record of it is called, and the list filters offered
 * to narrow the search (the ones that tell same-named records apart, such as a project's client).
 */
export const FIND_LISTS: Record<string, { list: EndpointKey; noun: string; filters?: readonly string[] }> = {
	client: { list: 'GET /clients', noun: 'client' },
	contact: { list: 'GET /contacts', noun: 'contact', filters: ['client_id'] },
	estimate: { list: 'GET /estimates', noun: 'estimate', filters: ['client_id'] },
	estimateItemCategory: { list: 'GET /estimate_item_categories', noun: 'estimate item category' },
	expenseCategory: { list: 'GET /expense_categories', noun: 'expense category' },
	invoice: { list: 'GET /invoices', noun: 'invoice', filters: ['client_id'] },
	invoiceItemCategory: { list: 'GET /invoice_item_categories', noun: 'invoice item category' },
	project: { list: 'GET /projects', noun: 'project', filters: ['client_id'] },
	role: { list: 'GET /roles', noun: 'role' },
	task: { list: 'GET /tasks', noun: 'task' },
	timeEntry: { list: 'GET /time_entries', noun: 'time entry', filters: ['user_id'] },
	user: { list: 'GET /users', noun: 'user' },
};

/** The parameter that holds the value for a key. */
export const KEY_PARAMETER: Record<MatchKey, string> = {
	name: 'name',
	email: 'email',
	code: 'code',
	number: 'number',
	externalReference: 'externalReferenceId',
};

const KEY_PLACEHOLDER: Partial<Record<MatchKey, string>> = {
	email: 'e.g. nathan@example.com',
	number: 'e.g. 1001',
	externalReference: 'e.g. TASK-42',
};

const FIND = ['find'];
const resources = Object.keys(FIND_LISTS);
const keysOf = (resource: string) => identityKeys(FIND_LISTS[resource].list);
const hasArchive = (resource: string) => endpoint(FIND_LISTS[resource].list).list?.filters.includes('is_active') ?? false;

function matchByField(group: string[], keys: readonly MatchKey[]): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		displayOptions: { show: { resource: group, operation: FIND } },
		options: [...keys].map((key) => ({ name: MATCH_KEYS[key].label, value: key })).sort((a, b) => a.name.localeCompare(b.name)),
		default: '',
	};
	// The most usual key of the group (the catalogue lists it first).
	property.default = keys[0];
	return property;
}

function valueField(key: MatchKey, show: IDataObject): INodeProperties {
	const property: INodeProperties = {
		displayName: MATCH_KEYS[key].label,
		name: KEY_PARAMETER[key],
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { ...show, operation: FIND } } as INodeProperties['displayOptions'],
	};
	if (KEY_PLACEHOLDER[key]) property.placeholder = KEY_PLACEHOLDER[key];
	return property;
}

/** The fields all Find operations share, once for every resource that has one. */
export function findFields(): INodeProperties[] {
	const multi = new Map<string, string[]>();
	for (const resource of resources.filter((r) => keysOf(r).length > 1)) {
		const id = keysOf(resource).join();
		multi.set(id, [...(multi.get(id) ?? []), resource]);
	}
	const values: INodeProperties[] = [];
	for (const key of Object.keys(MATCH_KEYS) as MatchKey[]) {
		const single = resources.filter((r) => keysOf(r).length === 1 && keysOf(r)[0] === key);
		const chosen = resources.filter((r) => keysOf(r).length > 1 && keysOf(r).includes(key));
		if (single.length) values.push(valueField(key, { resource: single }));
		if (chosen.length) values.push(valueField(key, { resource: chosen, matchBy: [key] }));
	}
	return [
		...[...multi.values()].map((group) => matchByField(group, keysOf(group[0]))),
		...values,
		{
			displayName: 'Match',
			name: 'matchMode',
			type: 'options',
			displayOptions: { show: { resource: resources, operation: FIND } },
			options: [
				{ name: 'Exactly', value: 'exact' },
				{ name: 'Ignoring Case and Extra Spaces', value: 'ignoreCase' },
			],
			default: 'ignoreCase',
		},
		{
			displayName: 'Include Archived',
			name: 'includeArchived',
			type: 'boolean',
			default: false,
			displayOptions: { show: { resource: resources.filter(hasArchive), operation: FIND } },
			description: 'Whether archived records count as matches (active ones come first)',
		},
		{
			displayName: 'If None Match',
			name: 'noMatch',
			type: 'options',
			displayOptions: { show: { resource: resources, operation: FIND } },
			options: [
				{ name: 'Fail', value: 'fail' },
				{ name: 'Return Nothing', value: 'empty' },
			],
			default: 'empty',
		},
		{
			displayName: 'If Several Match',
			name: 'severalMatch',
			type: 'options',
			displayOptions: { show: { resource: resources, operation: FIND } },
			options: [
				{ name: 'Fail', value: 'fail' },
				{ name: 'Return All', value: 'all' },
				{ name: 'Return the First', value: 'first', description: 'Active before archived, then in Harvest’s order' },
			],
			default: 'fail',
		},
	];
}

export interface MatchRequest {
	key: MatchKey;
	value: string;
	mode: MatchMode;
}

/** The key, value and mode of a Find, checked before any request. */
export function readMatch(this: IExecuteFunctions, itemIndex: number, list: EndpointKey): MatchRequest {
	const keys = identityKeys(list);
	const key = (keys.length > 1
		? toOption({ ctx: this, itemIndex, label: 'Match By' }, this.getNodeParameter('matchBy', itemIndex, keys[0]), keys)
		: keys[0]) as MatchKey;
	const label = MATCH_KEYS[key].label;
	const value = readText.call(this, itemIndex, KEY_PARAMETER[key], label);
	if (!value) invalid(this, itemIndex, label, 'is required', `Give the ${label.toLowerCase()} to look for.`);
	const mode = toOption({ ctx: this, itemIndex, label: 'Match' }, this.getNodeParameter('matchMode', itemIndex, 'ignoreCase'), MATCH_MODES) as MatchMode;
	return { key, value, mode };
}

/** Every record of `list` matching, read with the given filters (narrowed on Harvest's side where it can). */
export async function findMatches(
	this: IExecuteFunctions,
	itemIndex: number,
	list: EndpointKey,
	match: MatchRequest,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	const spec = endpoint(list);
	const filter = MATCH_KEYS[match.key].filter;
	const query = filter ? { ...qs, [filter]: match.value } : qs;
	const records = await harvestList.call(this, { path: spec.path, listKey: spec.list!.key, qs: query, itemIndex });
	return matchingRecords(records, match.key, match.value, match.mode);
}

export function matchSummary(match: MatchRequest): string {
	return `${MATCH_KEYS[match.key].label} "${match.value}"${match.mode === 'ignoreCase' ? ' (ignoring case)' : ''}`;
}

/** Find for one resource: its list's filters here, the shared fields in `findFields`. */
export function findOperation(resource: string): HarvestOperation {
	const { list, noun, filters = [] } = FIND_LISTS[resource];
	const exclude = endpoint(list).list!.filters.filter((name) => !filters.includes(name));
	const specs = filterSpecs(list, { exclude });
	return {
		description: describeOperation({ resource, operation: 'find' }, filtersCollection(list, { exclude })),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const match = readMatch.call(this, itemIndex, list);
			const noMatch = toOption({ ctx: this, itemIndex, label: 'If None Match' }, this.getNodeParameter('noMatch', itemIndex, 'empty'), ['empty', 'fail']);
			const several = toOption({ ctx: this, itemIndex, label: 'If Several Match' }, this.getNodeParameter('severalMatch', itemIndex, 'fail'), ['all', 'fail', 'first']);
			const qs = readFilters.call(this, itemIndex, specs);
			if (hasArchive(resource) && !readBoolean.call(this, itemIndex, 'includeArchived', 'Include Archived')) qs.is_active = true;
			const matches = await findMatches.call(this, itemIndex, list, match, qs);
			if (matches.length === 0 && noMatch === 'fail') {
				throw new NodeOperationError(this.getNode(), `No ${noun} has ${matchSummary(match)} [item ${itemIndex}]`, {
					itemIndex,
					description: 'Set "If None Match" to "Return Nothing" to go on without a result.',
				});
			}
			if (matches.length > 1 && several === 'fail') {
				throw new NodeOperationError(this.getNode(), `${matches.length} records have ${matchSummary(match)} [item ${itemIndex}]`, {
					itemIndex,
					description: `IDs: ${matches.slice(0, 20).map((r) => r.id).join(', ')}. Narrow the search (Match "Exactly", filters), or set "If Several Match".`,
				});
			}
			return several === 'first' ? matches.slice(0, 1) : matches;
		},
	};
}
