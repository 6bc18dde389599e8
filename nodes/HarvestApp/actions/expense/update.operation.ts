import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { harvestRequest } from '../../../shared/transport';

import { readBody } from '../../helpers/body';
import { operationFields, updateOperation } from '../../helpers/operations';
import { readPath } from '../../helpers/path';
import { invalid } from '../../helpers/validation';
import { bodyWithReceipt, readReceipt, withReceiptFields } from './receipt';

const KEY = 'PATCH /expenses/{expenseId}';
const target = { resource: 'expense', operation: 'update' };
// Removing the receipt is its own operation (Delete Receipt); uploading one goes through Attach Receipt.
const exclude = ['receipt', 'delete_receipt'];
const specs = operationFields(KEY, { exclude });

const LOCKED_HINT =
	'On a locked expense (e.g. approved or invoiced) Harvest keeps the old value and reports no error';

/** Harvest's silent trap on locked expenses, said where the user picks the field. */
function withLockHints(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((p) =>
		p.name !== 'updateFields'
			? p
			: {
					...p,
					options: (p.options as INodeProperties[]).map((o) =>
						['project_id', 'expense_category_id'].includes(o.name) ? { ...o, hint: LOCKED_HINT } : o,
					),
				},
	);
}

export const description = withReceiptFields(
	target,
	withLockHints(updateOperation(target, KEY, { exclude }).description),
	'updateFields',
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const path = readPath.call(this, itemIndex, KEY);
	const body = readBody.call(this, itemIndex, specs, { top: [], collection: 'updateFields' });
	const receipt = await readReceipt.call(this, itemIndex);
	if (Object.keys(body).length === 0 && !receipt) {
		invalid(this, itemIndex, 'Update Fields', 'needs at least one field (or Attach Receipt)', 'Add the fields to change.');
	}
	return await harvestRequest.call(this, { method: 'PATCH', path, body: bodyWithReceipt(body, receipt), itemIndex });
}
