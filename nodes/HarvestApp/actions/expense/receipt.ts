import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeOperation } from '../../helpers/operations';
import type { OperationTarget } from '../../helpers/interfaces';
import { readBinaryFile, type UploadFile } from '../../helpers/binary';
import { invalid, readBoolean, readText } from '../../helpers/validation';

/**
 * Expense receipts are files, and Harvest takes them only in a multipart/form-data request: the file as the
 * `receipt` part and every other field as a text part beside it.
 */
const receiptFields: INodeProperties[] = [
	{
		displayName: 'Attach Receipt',
		name: 'attachReceipt',
		type: 'boolean',
		default: false,
		description: 'Whether to upload a file of the input item as the receipt',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		displayOptions: { show: { attachReceipt: [true] } },
		hint: 'The name of the input binary field that holds the receipt (an image or a PDF)',
	},
];

/** The operation's fields with Attach Receipt placed just before its collection of optional fields. */
export function withReceiptFields(
	target: OperationTarget,
	properties: INodeProperties[],
	collection: string,
): INodeProperties[] {
	const at = properties.findIndex((p) => p.name === collection);
	const extra = describeOperation(target, receiptFields);
	return [...properties.slice(0, at), ...extra, ...properties.slice(at)];
}

export type ReceiptFile = UploadFile;

/** The receipt file of the item when Attach Receipt is on; read before any request, so a missing file costs none. */
export async function readReceipt(this: IExecuteFunctions, itemIndex: number): Promise<ReceiptFile | undefined> {
	if (!readBoolean.call(this, itemIndex, 'attachReceipt', 'Attach Receipt')) return undefined;
	const property = readText.call(this, itemIndex, 'binaryPropertyName', 'Input Binary Field', 'data');
	if (!property) {
		invalid(this, itemIndex, 'Input Binary Field', 'is required', 'Name the binary field that holds the receipt, e.g. data.');
	}
	return await readBinaryFile.call(this, itemIndex, property, 'receipt');
}

/** A JSON body, or with a receipt the same fields as form parts plus the file (the global FormData; axios sends it). */
export function bodyWithReceipt(body: IDataObject, receipt: ReceiptFile | undefined): IDataObject | FormData {
	if (!receipt) return body;
	const form = new FormData();
	for (const [name, value] of Object.entries(body)) form.append(name, String(value));
	form.append('receipt', receipt.data, receipt.fileName);
	return form;
}
