import type { IExecuteFunctions } from 'n8n-workflow';
import { harvestRequest } from '../../../shared/transport';

import { readBody } from '../../helpers/body';
import { createOperation, operationFields } from '../../helpers/operations';
import { readPath } from '../../helpers/path';
import { bodyWithReceipt, readReceipt, withReceiptFields } from './receipt';

const KEY = 'POST /expenses';
const target = { resource: 'expense', operation: 'create' };
// The receipt is a file, offered through Attach Receipt rather than as a typed field.
const specs = operationFields(KEY, { exclude: ['receipt'] });
const top = specs.filter((s) => s.required).map((s) => s.name);

export const description = withReceiptFields(
	target,
	createOperation(target, KEY, { exclude: ['receipt'] }).description,
	'additionalFields',
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body = readBody.call(this, itemIndex, specs, { top, collection: 'additionalFields' });
	const receipt = await readReceipt.call(this, itemIndex);
	const path = readPath.call(this, itemIndex, KEY);
	return await harvestRequest.call(this, { method: 'POST', path, body: bodyWithReceipt(body, receipt), itemIndex });
}
