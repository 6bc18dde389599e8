import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { BodyFieldSpec } from '../../shared/catalogue';

import { FIELD_LOCATORS, locator } from '../../shared/descriptions/locators';
import { fieldText, titleCase } from './text';

/** `first_name` → `firstName`: the node parameter that carries a required body field. */
export function camel(name: string): string {
	return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function optionList(spec: BodyFieldSpec): INodePropertyOptions[] {
	const names = fieldText(spec.name).optionNames ?? {};
	return (spec.values ?? [])
		.map((value) => ({ name: names[value] ?? titleCase(value), value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export interface FieldOptions {
	/** Parameter name; defaults to the Harvest field name (inside collections) or its camelCase form. */
	name?: string;
	required?: boolean;
}

/** One editor field for one Harvest body or filter field, shaped by the field's type. */
export function fieldProperty(spec: BodyFieldSpec, options: FieldOptions = {}): INodeProperties {
	const text = fieldText(spec.name);
	const name = options.name ?? spec.name;
	const required = options.required ?? false;
	const kind = spec.type === 'id' ? FIELD_LOCATORS[spec.name] : undefined;
	if (kind) {
		return locator(kind, { name, displayName: text.displayName, description: text.description, required, hint: text.hint });
	}
	const base = { displayName: text.displayName, name, required, description: text.description } as INodeProperties;
	if (text.placeholder) base.placeholder = text.placeholder;
	if (text.hint) base.hint = text.hint;
	if (!base.description) delete base.description;
	if (!required) delete base.required;
	const number = typeof text.default === 'number' ? text.default : 0;
	switch (spec.type) {
		case 'boolean':
			return { ...base, type: 'boolean', default: typeof text.default === 'boolean' ? text.default : false };
		case 'number':
		case 'positiveNumber':
			return { ...base, type: 'number', default: number, typeOptions: { minValue: 0, numberPrecision: 2 } };
		case 'signedNumber':
			return {
				...base,
				type: 'number',
				default: number,
				typeOptions: { numberPrecision: 2 },
				hint: base.hint ?? 'May be negative, e.g. for a credit or discount line',
			};
		case 'integer':
			return { ...base, type: 'number', default: number, typeOptions: { minValue: 0, numberPrecision: 0 } };
		case 'date':
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'text':
			return { ...base, type: 'string', default: '', typeOptions: { rows: 3 } };
		case 'email':
			return { ...base, type: 'string', placeholder: base.placeholder ?? 'e.g. nathan@example.com', default: '' };
		case 'options': {
			const options = optionList(spec);
			const preferred = options.find((o) => o.value === text.default) ?? options[0];
			return { ...base, type: 'options', options, default: preferred?.value ?? '' };
		}
		case 'multiOptions':
			return { ...base, type: 'multiOptions', options: optionList(spec), default: [] };
		case 'object':
			return {
				...base,
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: sortedProperties((spec.fields ?? []).map((sub) => fieldProperty(sub))),
			};
		case 'objects':
			return {
				...base,
				type: 'fixedCollection',
				placeholder: `Add ${text.displayName}`,
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: text.displayName,
						name: 'item',
						values: sortedProperties((spec.fields ?? []).map((sub) => fieldProperty(sub, { required: sub.required }))),
					},
				],
			};
		default:
			// string, time, id without a picker, ids, strings: typed text, checked when the node runs.
			return { ...base, type: 'string', default: '' };
	}
}

export function sortedProperties(properties: INodeProperties[]): INodeProperties[] {
	return [...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Top-level parameters for the listed fields (camelCase names), required ones marked as such. */
export function topFields(specs: readonly BodyFieldSpec[], names: readonly string[]): INodeProperties[] {
	return names.map((fieldName) => {
		const spec = specs.find((s) => s.name === fieldName);
		if (!spec) throw new Error(`No body field ${fieldName}`);
		return fieldProperty(spec, { name: camel(spec.name), required: spec.required ?? false });
	});
}

/** An "Additional Fields" / "Update Fields" collection whose options are Harvest's field names. */
export function fieldsCollection(
	name: string,
	displayName: string,
	specs: readonly BodyFieldSpec[],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedProperties(specs.map((spec) => fieldProperty(spec))),
	};
}
