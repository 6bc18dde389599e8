import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { bodyFields, endpoint, endpointPath, MATCH_KEYS, type EndpointKey, type MatchKey } from '../../shared/catalogue';
import { harvestList, harvestRequest } from '../../shared/transport';

import { fieldsCollection, topFields } from '../descriptions/fields';
import { readBody } from './body';
import type { HarvestOperation, OperationTarget } from './interfaces';
import { matchingRecords } from './match';
import { describeOperation, operationFields, type BodyOptions } from './operations';
import { invalid, toOption } from './validation';

/**
 * Create or Update: the record that matches gets the given fields, or is created with them. Only fields
 * whose value differs from the record's are sent, and nothing at all when none differs, so running the same
 * workflow twice changes and creates nothing the second time.
 */

export interface UpsertOptions extends BodyOptions {
	/** List searched for the record. */
	search: EndpointKey;
	create: EndpointKey;
	/** Changes a record; its one path placeholder is the record's id. */
	update: EndpointKey;
	/** Keys the record can be matched on (catalogue identities), the default first. */
	matchOn: readonly MatchKey[];
	/** Body fields that also narrow the search, sent as list filters (e.g. `client_id` for projects). */
	scope?: readonly string[];
}

/** The body field that carries each key's value. */
const KEY_FIELD: Record<MatchKey, string> = {
	name: 'name',
	email: 'email',
	code: 'code',
	number: 'number',
	externalReference: 'external_reference',
};

function keyValue(body: IDataObject, key: MatchKey): string {
	const value = body[KEY_FIELD[key]];
	if (key === 'externalReference') return String((value as IDataObject | undefined)?.id ?? '').trim();
	return String(value ?? '').trim();
}

/** "8:00am", "08:00" and "8:00 AM" are one time of day: minutes after midnight. */
function minutes(value: unknown): number | undefined {
	const match = /^\s*(\d{1,2}):(\d{2})\s*([ap]m)?\s*$/i.exec(String(value ?? ''));
	if (!match) return undefined;
	const suffix = match[3]?.toLowerCase();
	const hour = suffix ? (Number(match[1]) % 12) + (suffix === 'pm' ? 12 : 0) : Number(match[1]);
	return hour * 60 + Number(match[2]);
}

const TIMES = new Set(['started_time', 'ended_time']);
const text = (value: unknown) => String(value ?? '').replace(/\r\n/g, '\n').trim();

/** Whether a record's current value already is the wanted one. */
function same(current: unknown, wanted: unknown, field: string): boolean {
	if (Array.isArray(wanted)) {
		if (!Array.isArray(current)) return wanted.length === 0 && (current === null || current === undefined);
		const sorted = (list: unknown[]) => list.map((v) => String(v)).sort().join('\u0000');
		return sorted(current) === sorted(wanted);
	}
	if (wanted && typeof wanted === 'object') {
		const own = (current && typeof current === 'object' ? current : {}) as IDataObject;
		return Object.entries(wanted as IDataObject).every(([key, value]) => same(own[key], value, key));
	}
	if (typeof wanted === 'number') return current !== null && current !== '' && Math.abs(Number(current) - wanted) < 1e-9;
	if (typeof wanted === 'boolean') return current === wanted;
	if (TIMES.has(field) && minutes(wanted) !== undefined) return minutes(current) === minutes(wanted);
	return text(current) === text(wanted);
}

/**
 * The fields of `body` whose value differs from the record's. A `x_id` field is compared with the record's
 * `x.id` (Harvest answers with the related record, not its id); nested objects compare only the given parts.
 */
export function changedFields(record: IDataObject, body: IDataObject): IDataObject {
	const changes: IDataObject = {};
	for (const [field, wanted] of Object.entries(body)) {
		const related = field.endsWith('_id') && !(field in record) ? (record[field.slice(0, -3)] as IDataObject | null | undefined) : undefined;
		const current = related !== undefined ? related?.id : record[field];
		if (!same(current, wanted, field)) changes[field] = wanted;
	}
	return changes;
}

function matchByField(target: OperationTarget, keys: readonly MatchKey[]): INodeProperties[] {
	if (keys.length < 2) return [];
	const property: INodeProperties = {
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		options: keys.map((key) => ({ name: MATCH_KEYS[key].label, value: key })).sort((a, b) => a.name.localeCompare(b.name)),
		default: '',
		description: 'What identifies the record to update',
	};
	property.default = keys[0];
	return describeOperation(target, [property]);
}

export function upsertOperation(target: OperationTarget, options: UpsertOptions): HarvestOperation {
	const specs = operationFields(options.create, options);
	const top = options.top ?? specs.filter((s) => s.required).map((s) => s.name);
	const rest = specs.filter((s) => !top.includes(s.name));
	const updatable = new Set(bodyFields(options.update).map((s) => s.name));
	const list = endpoint(options.search);
	const [placeholder] = [...endpoint(options.update).path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
	return {
		description: [
			...matchByField(target, options.matchOn),
			...describeOperation(target, [
				...(options.before ?? []),
				...topFields(specs, top),
				...(rest.length ? [fieldsCollection('additionalFields', 'Additional Fields', rest)] : []),
			]),
		],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const key = (options.matchOn.length > 1
				? toOption({ ctx: this, itemIndex, label: 'Match By' }, this.getNodeParameter('matchBy', itemIndex, options.matchOn[0]), options.matchOn)
				: options.matchOn[0]) as MatchKey;
			const body = readBody.call(this, itemIndex, specs, { top, collection: 'additionalFields' });
			const value = keyValue(body, key);
			if (!value) invalid(this, itemIndex, MATCH_KEYS[key].label, 'is required to find the record to update');
			options.checkBody?.call(this, itemIndex, body);

			const qs: IDataObject = {};
			for (const name of options.scope ?? []) if (body[name] !== undefined) qs[name] = body[name];
			const filter = MATCH_KEYS[key].filter;
			if (filter) qs[filter] = value;
			const records = await harvestList.call(this, { path: list.path, listKey: list.list!.key, qs, itemIndex });
			// Ids of other systems are exact; names and emails match the way people see them as equal.
			const matches = matchingRecords(records, key, value, key === 'externalReference' ? 'exact' : 'ignoreCase');
			if (matches.length > 1) {
				throw new NodeOperationError(this.getNode(), `${matches.length} records have ${MATCH_KEYS[key].label} "${value}"; Create or Update needs exactly one [item ${itemIndex}]`, {
					itemIndex,
					description: `IDs: ${matches.slice(0, 20).map((r) => r.id).join(', ')}. Match on a key that is unique, or narrow the search.`,
				});
			}
			const [found] = matches;
			if (!found) return await harvestRequest.call(this, { method: 'POST', path: endpoint(options.create).path, body, itemIndex });

			const changes = changedFields(found, body);
			const fixed = Object.keys(changes).filter((name) => !updatable.has(name));
			if (fixed.length) {
				throw new NodeOperationError(this.getNode(), `The matching record (ID ${found.id}) differs in ${fixed.join(', ')}, which Harvest cannot change [item ${itemIndex}]`, {
					itemIndex,
					description: 'Leave these fields out, or give the values the record has.',
				});
			}
			if (Object.keys(changes).length === 0) return found;
			const path = endpointPath(endpoint(options.update), { [placeholder]: Number(found.id) });
			return await harvestRequest.call(this, { method: 'PATCH', path, body: changes, itemIndex });
		},
	};
}
