import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { EndpointKey } from '../../../shared/catalogue';
import { harvestRequest } from '../../../shared/transport';

import { fieldsCollection, topFields } from '../../descriptions/fields';
import { readBody } from '../../helpers/body';
import type { HarvestOperation } from '../../helpers/interfaces';
import { describeOperation } from '../../helpers/operations';
import { pathFields, readPath } from '../../helpers/path';
import { invalid, toId } from '../../helpers/validation';
import { lineItemProperty, NEW_LINE_REQUIRED, newLineFields, withKinds } from './lineItemFields';

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
	/** Picker of the document's lines. */
	lineKind: 'invoiceLineItem' | 'estimateLineItem';
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
