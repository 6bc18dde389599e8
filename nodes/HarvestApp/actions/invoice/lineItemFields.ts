import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { bodyFields, type BodyFieldSpec, type EndpointKey } from '../../../shared/catalogue';
import { locator, type LocatorKind } from '../../../shared/descriptions/locators';

/* Editor fields of invoice and estimate line items (estimates reuse them). */

/** Harvest refuses a new line without these. */
export const NEW_LINE_REQUIRED = ['kind', 'unit_price'];

/** Row fields of a line without `id` or `_destroy`; for a new line, kind and unit price are required. */
export function newLineFields(key: EndpointKey, isNew = true): BodyFieldSpec[] {
	const rows = bodyFields(key).find((s) => s.name === 'line_items')?.fields ?? [];
	return rows
		.filter((s) => s.name !== 'id' && s.name !== '_destroy')
		.map((s) => (isNew && NEW_LINE_REQUIRED.includes(s.name) ? { ...s, required: true } : s));
}

/** An endpoint's body fields with `line_items` rows shaped as new lines. */
export function withNewLines(key: EndpointKey, exclude: readonly string[] = []): BodyFieldSpec[] {
	return bodyFields(key)
		.filter((s) => !exclude.includes(s.name))
		.map((s) => (s.name === 'line_items' ? { ...s, fields: newLineFields(key) } : s));
}

/** Kind is the name of an item category; the list comes from the account, an expression may type any name. */
export function kindProperty(loadOptionsMethod: string, required: boolean): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Kind Name or ID',
		name: 'kind',
		type: 'options',
		typeOptions: { loadOptionsMethod },
		default: '',
		description:
			'Item category of the line, such as Service or Product. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	};
	if (required) property.required = true;
	return property;
}

/** Replaces the generated free-text Kind fields (also inside collections) with the category list. */
export function withKinds(properties: INodeProperties[], loadOptionsMethod: string): INodeProperties[] {
	return properties.map((p) => {
		if (p.name === 'kind' && p.type === 'string') return kindProperty(loadOptionsMethod, p.required === true);
		if (p.type === 'collection') return { ...p, options: withKinds((p.options ?? []) as INodeProperties[], loadOptionsMethod) };
		if (p.type === 'fixedCollection') {
			const groups = (p.options ?? []) as INodePropertyCollection[];
			return { ...p, options: groups.map((g) => ({ ...g, values: withKinds(g.values, loadOptionsMethod) })) };
		}
		return p;
	});
}

/** The line to change or remove, picked from the lines of the chosen document (or given by its ID). */
export function lineItemProperty(doc: { lineKind: LocatorKind }): INodeProperties {
	return locator(doc.lineKind, { name: 'lineItemId', description: 'Line to change; the list shows the lines of the chosen document' });
}
