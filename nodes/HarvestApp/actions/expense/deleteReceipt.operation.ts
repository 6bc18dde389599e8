import type { IExecuteFunctions } from 'n8n-workflow';
import { harvestRequest } from '../../../shared/transport';

import { describeOperation } from '../../helpers/operations';
import { pathFields, readPath } from '../../helpers/path';

const KEY = 'PATCH /expenses/{expenseId}';

export const description = describeOperation({ resource: 'expense', operation: 'deleteReceipt' }, pathFields(KEY));

/** Harvest removes a receipt through the update endpoint's `delete_receipt` flag; the expense itself stays. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const path = readPath.call(this, itemIndex, KEY);
	return await harvestRequest.call(this, { method: 'PATCH', path, body: { delete_receipt: true }, itemIndex });
}
