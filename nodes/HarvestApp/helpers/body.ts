import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { BodyFieldSpec } from '../../shared/catalogue';

import { camel } from '../descriptions/fields';
import { FIELD_LOCATORS, urlPattern } from '../../shared/descriptions/locators';
import { fieldText } from '../descriptions/text';
import {
	invalid,
	isEmpty,
	locatorValue,
	toBoolean,
	toDate,
	toDateTime,
	toEmail,
	toId,
	toIds,
	toNumber,
	toOption,
	toStrings,
	toText,
	toTime,
	type Check,
} from './validation';

/** An editor value turned into the JSON Harvest expects for one field, checked on the way. */
export function toBodyValue(check: Check, spec: BodyFieldSpec, raw: unknown): unknown {
	const sub = (field: BodyFieldSpec): Check => ({ ...check, label: `${check.label} › ${fieldText(field.name).displayName}` });
	switch (spec.type) {
		case 'id': {
			const kind = FIELD_LOCATORS[spec.name];
			return toId(check, raw, kind ? urlPattern(kind) : undefined);
		}
		case 'ids':
			return toIds(check, raw);
		case 'strings':
			return toStrings(check, raw);
		case 'number':
			return toNumber(check, raw);
		case 'signedNumber':
			return toNumber(check, raw, { signed: true });
		case 'positiveNumber':
			return toNumber(check, raw, { positive: true });
		case 'integer':
			return toNumber(check, raw, { integer: true });
		case 'boolean':
			return toBoolean(check, raw);
		case 'date':
			return toDate(check, raw);
		case 'dateTime':
			return toDateTime(check, raw);
		case 'time':
			return toTime(check, raw);
		case 'email':
			return toEmail(check, raw);
		case 'options':
			return toOption(check, raw, spec.values ?? []);
		case 'multiOptions': {
			const values = Array.isArray(raw) ? raw : toStrings(check, raw);
			return values.map((value) => toOption(check, value, spec.values ?? []));
		}
		case 'object':
			return toBodyObject(check, spec.fields ?? [], plainObject(check, raw ?? {}, 'an object of fields'), sub);
		case 'objects':
			return rowsOf(check, raw).map((row, index) => {
				const rowCheck = { ...check, label: `${check.label} › row ${index + 1}` };
				return toBodyObject(rowCheck, spec.fields ?? [], plainObject(rowCheck, row, 'an object of fields'), sub, true);
			});
		default:
			return toText(check, raw);
	}
}

const isPlainObject = (value: unknown): value is IDataObject =>
	!!value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

function plainObject(check: Check, raw: unknown, what: string): IDataObject {
	if (!isPlainObject(raw)) invalid(check.ctx, check.itemIndex, check.label, `must be ${what}, not ${JSON.stringify(raw) ?? String(raw)}`);
	return raw;
}

/**
 * The rows of a list field: the editor's fixed collection (`{ item: [...] }`) or a list from an expression. A
 * string, a number or anything else is refused rather than read as no rows.
 */
function rowsOf(check: Check, raw: unknown): unknown[] {
	if (raw === undefined || raw === null || raw === '') return [];
	if (Array.isArray(raw)) return raw;
	if (isPlainObject(raw) && Object.keys(raw).every((key) => key === 'item')) {
		const rows = raw.item ?? [];
		if (Array.isArray(rows)) return rows;
	}
	return invalid(check.ctx, check.itemIndex, check.label, `must be a list of rows (objects), not ${JSON.stringify(raw) ?? String(raw)}`);
}

function toBodyObject(
	check: Check,
	fields: readonly BodyFieldSpec[],
	raw: IDataObject,
	sub: (field: BodyFieldSpec) => Check,
	/** Rows of a list: a name the row does not know is a mistake to point out, not a value to drop. */
	strictNames = false,
): IDataObject {
	if (strictNames) {
		const known = new Set(fields.map((field) => field.name));
		const unknown = Object.keys(raw).filter((key) => !known.has(key));
		if (unknown.length) {
			invalid(check.ctx, check.itemIndex, check.label, `has fields Harvest does not take here: ${unknown.join(', ')}`, `Use ${[...known].join(', ')}.`);
		}
	}
	const out: IDataObject = {};
	for (const field of fields) {
		const value = raw[field.name];
		if (skip(field, value)) {
			if (field.required) invalid(sub(field).ctx, check.itemIndex, sub(field).label, 'is required');
			continue;
		}
		out[field.name] = toBodyValue(sub(field), field, value) as IDataObject[keyof IDataObject];
	}
	return out;
}

/**
 * Whether a value the user left empty is left out of the body. Text may be sent empty on purpose (to clear
 * it); an empty picker, number or date means "not given".
 */
function skip(spec: BodyFieldSpec, value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (spec.type === 'string' || spec.type === 'text') return false;
	return isEmpty(locatorValue(value));
}

export interface ReadBodyOptions {
	/** Fields given as top-level parameters (camelCase names); by default the required ones. */
	top?: readonly string[];
	/** Name of the collection that holds the other fields, e.g. `additionalFields`. */
	collection?: string;
	/** The collection's editor name when it is not its name in Title Case. */
	collectionLabel?: string;
	/** Fields whose value comes from elsewhere and must not be read here. */
	exclude?: readonly string[];
}

/** Reads and checks a request body for `specs` from the item's parameters; throws before any request. */
export function readBody(
	this: IExecuteFunctions,
	itemIndex: number,
	specs: readonly BodyFieldSpec[],
	options: ReadBodyOptions = {},
): IDataObject {
	const top = options.top ?? specs.filter((s) => s.required).map((s) => s.name);
	const body: IDataObject = {};
	for (const spec of specs) {
		if (options.exclude?.includes(spec.name)) continue;
		const check: Check = { ctx: this, itemIndex, label: fieldText(spec.name).displayName };
		if (top.includes(spec.name)) {
			const raw = this.getNodeParameter(camel(spec.name), itemIndex, '') as unknown;
			if (skip(spec, raw) || (spec.required && isEmpty(raw))) {
				if (spec.required) invalid(this, itemIndex, check.label, 'is required');
				continue;
			}
			body[spec.name] = toBodyValue(check, spec, raw) as IDataObject[keyof IDataObject];
		}
	}
	if (options.collection) {
		// The collection's editor name is its parameter name in Title Case (additionalFields → Additional Fields).
		const label = options.collectionLabel ?? options.collection.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
		const raw = this.getNodeParameter(options.collection, itemIndex, {});
		const collection = raw === undefined || raw === null || raw === '' ? {} : plainObject({ ctx: this, itemIndex, label }, raw, 'a set of fields');
		for (const [name, raw] of Object.entries(collection)) {
			const spec = specs.find((s) => s.name === name);
			if (!spec || top.includes(name) || options.exclude?.includes(name) || skip(spec, raw)) continue;
			const check: Check = { ctx: this, itemIndex, label: fieldText(name).displayName };
			body[name] = toBodyValue(check, spec, raw) as IDataObject[keyof IDataObject];
		}
	}
	return body;
}

/** Query parameters from a "Filters" collection, typed like body fields. */
export function readFilters(
	this: IExecuteFunctions,
	itemIndex: number,
	specs: readonly BodyFieldSpec[],
): IDataObject {
	return readBody.call(this, itemIndex, specs, { top: [], collection: 'filters' });
}
