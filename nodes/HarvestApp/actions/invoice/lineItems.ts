import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { bodyFields, type BodyFieldSpec, type EndpointKey } from '../../../shared/catalogue';
import { harvestRequest } from '../../../shared/transport';

import { fieldsCollection, topFields } from '../../descriptions/fields';
import { readBody } from '../../helpers/body';
import type { HarvestOperation } from '../../helpers/interfaces';
import { describeOperation } from '../../helpers/operations';
import { pathFields, readPath } from '../../helpers/path';
import { invalid, toId } from '../../helpers/validation';

/*
 * Line items of invoices and estimates. Harvest edits them through the document's PATCH: a row without `id`
 * is added, a row with `id` is changed, and `id` + `_destroy: true` removes it. Estimates reuse this module.
 */

/** What differs between invoices and estimates. */
export interface LineItemDocument {
	resource: string;
	/** The document's PATCH endpoint, whose body carries `line_items`. */
	update: EndpointKey;
	/** Path placeholder of the document, e.g. `invoiceId`. */
	idParameter: string;
	/** loadOptions method listing the item categories (the allowed kinds). */
	kinds: string;
	/** loadOptions method listing the document's lines. */
	lines: string;
}

/** Harvest refuses a new line without these. */
const NEW_LINE_REQUIRED = ['kind', 'unit_price'];

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

function lineItemProperty(doc: LineItemDocument): INodeProperties {
	return {
		displayName: 'Line Item Name or ID',
		name: 'lineItemId',
		type: 'options',
		typeOptions: { loadOptionsMethod: doc.lines, loadOptionsDependsOn: [`${doc.idParameter}.value`] },
		required: true,
		default: '',
		description:
			'Line to change; the list shows the lines of the chosen document. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	};
}

function readLineId(this: IExecuteFunctions, itemIndex: number): number {
	return toId({ ctx: this, itemIndex, label: 'Line Item' }, this.getNodeParameter('lineItemId', itemIndex, ''));
}

async function patchLines(this: IExecuteFunctions, itemIndex: number, doc: LineItemDocument, line: IDataObject) {
	const path = readPath.call(this, itemIndex, doc.update);
	return await harvestRequest.call(this, { method: 'PATCH', path, body: { line_items: [line] }, itemIndex });
}

/** Appends one line; the output is the whole document as Harvest returns it. */
export function addLineItemOperation(doc: LineItemDocument): HarvestOperation {
	const specs = newLineFields(doc.update);
	const rest = specs.filter((s) => !NEW_LINE_REQUIRED.includes(s.name));
	const properties = [
		...pathFields(doc.update),
		...topFields(specs, NEW_LINE_REQUIRED),
		fieldsCollection('additionalFields', 'Additional Fields', rest),
	];
	return {
		description: describeOperation({ resource: doc.resource, operation: 'addLineItem' }, withKinds(properties, doc.kinds)),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const line = readBody.call(this, itemIndex, specs, { top: NEW_LINE_REQUIRED, collection: 'additionalFields' });
			return await patchLines.call(this, itemIndex, doc, line);
		},
	};
}

/** Changes the picked fields of one line. */
export function updateLineItemOperation(doc: LineItemDocument): HarvestOperation {
	const specs = newLineFields(doc.update, false);
	const properties = [...pathFields(doc.update), lineItemProperty(doc), fieldsCollection('updateFields', 'Update Fields', specs)];
	return {
		description: describeOperation({ resource: doc.resource, operation: 'updateLineItem' }, withKinds(properties, doc.kinds)),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = readLineId.call(this, itemIndex);
			const fields = readBody.call(this, itemIndex, specs, { top: [], collection: 'updateFields' });
			if (Object.keys(fields).length === 0) {
				invalid(this, itemIndex, 'Update Fields', 'needs at least one field', 'Add the fields of the line to change.');
			}
			return await patchLines.call(this, itemIndex, doc, { id, ...fields });
		},
	};
}

/** Removes one line (`id` + `_destroy: true`). */
export function removeLineItemOperation(doc: LineItemDocument): HarvestOperation {
	return {
		description: describeOperation({ resource: doc.resource, operation: 'removeLineItem' }, [
			...pathFields(doc.update),
			lineItemProperty(doc),
		]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = readLineId.call(this, itemIndex);
			return await patchLines.call(this, itemIndex, doc, { id, _destroy: true });
		},
	};
}
