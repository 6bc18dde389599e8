import type { IExecuteFunctions } from 'n8n-workflow';
import { endpoint } from '../../../shared/catalogue';
import { harvestRequest } from '../../../shared/transport';

import { fieldsCollection, topFields } from '../../descriptions/fields';
import { readBody } from '../../helpers/body';
import { describeOperation } from '../../helpers/operations';
import { withKinds, withNewLines } from '../invoice/lineItemFields';
import { ESTIMATE_DOCUMENT } from './shared';

const KEY = 'POST /estimates';
const specs = withNewLines(KEY);
const top = ['client_id', 'line_items'];

export const description = describeOperation(
	{ resource: 'estimate', operation: 'create' },
	withKinds(
		[...topFields(specs, top), fieldsCollection('additionalFields', 'Additional Fields', specs.filter((s) => !top.includes(s.name)))],
		ESTIMATE_DOCUMENT.kinds,
	),
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body = readBody.call(this, itemIndex, specs, { top, collection: 'additionalFields' });
	if (Array.isArray(body.line_items) && body.line_items.length === 0) delete body.line_items;
	return await harvestRequest.call(this, { method: 'POST', path: endpoint(KEY).path, body, itemIndex });
}
