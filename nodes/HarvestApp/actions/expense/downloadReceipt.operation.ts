import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { harvestDownload, harvestRequest } from '../../../shared/transport';

import { fileItem, outputFileFields, readOutputField, safeFileName } from '../../helpers/download';
import { describeOperation } from '../../helpers/operations';
import { pathFields, readPath } from '../../helpers/path';

const KEY = 'GET /expenses/{expenseId}';
const TARGET = { resource: 'expense', operation: 'downloadReceipt' };

export const description = [...describeOperation(TARGET, pathFields(KEY)), ...outputFileFields(TARGET, 'receipt')];

/**
 * The expense as JSON, its receipt file as binary, fetched from the `receipt.url` Harvest gives (without
 * the token: see the transport's download module). An expense without a receipt is an error of its item.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const path = readPath.call(this, itemIndex, KEY);
	const field = readOutputField.call(this, itemIndex);
	const expense = (await harvestRequest.call(this, { method: 'GET', path, itemIndex })) as IDataObject;
	const receipt = (expense.receipt ?? null) as IDataObject | null;
	if (!receipt || typeof receipt.url !== 'string' || !receipt.url) {
		throw new NodeOperationError(this.getNode(), `Expense ${String(expense.id)} has no receipt [item ${itemIndex}]`, {
			itemIndex,
			description: 'Only expenses with an attached receipt have a file to download. Filter on receipt first, or turn on Continue On Fail.',
		});
	}
	const file = await harvestDownload.call(this, { url: receipt.url, what: `receipt of expense ${String(expense.id)}`, itemIndex });
	const fileName = typeof receipt.file_name === 'string' && receipt.file_name ? safeFileName(receipt.file_name) : `receipt-${String(expense.id)}`;
	const mimeType = typeof receipt.content_type === 'string' && receipt.content_type ? receipt.content_type : 'application/octet-stream';
	return await fileItem.call(this, expense, field, file, { fileName, mimeType });
}
