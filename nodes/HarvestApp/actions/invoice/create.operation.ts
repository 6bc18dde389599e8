import type { IExecuteFunctions } from 'n8n-workflow';
import { endpoint } from '../../../shared/catalogue';
import { harvestRequest } from '../../../shared/transport';

import { fieldsCollection, topFields } from '../../descriptions/fields';
import { readBody } from '../../helpers/body';
import { describeOperation } from '../../helpers/operations';
import { withKinds, withNewLines } from './lineItemFields';
import { checkDueDate, INVOICE_DOCUMENT } from './shared';

// The free-form invoice: lines typed in. Lines from tracked time are the Create From Tracked Time operation.
const KEY = 'POST /invoices';
const specs = withNewLines(KEY, ['line_items_import']);
const top = ['client_id', 'line_items'];

export const description = describeOperation(
	{ resource: 'invoice', operation: 'create' },
	withKinds(
		[...topFields(specs, top), fieldsCollection('additionalFields', 'Additional Fields', specs.filter((s) => !top.includes(s.name)))],
		INVOICE_DOCUMENT.kinds,
	),
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body = readBody.call(this, itemIndex, specs, { top, collection: 'additionalFields' });
	checkDueDate.call(this, itemIndex, body);
	if (Array.isArray(body.line_items) && body.line_items.length === 0) delete body.line_items;
	return await harvestRequest.call(this, { method: 'POST', path: endpoint(KEY).path, body, itemIndex });
}
