import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { clientLinkPath, type ClientLinkKind, type EndpointKey } from '../../shared/catalogue';
import { accountWebAddress, harvestDownload, harvestRequest, type HarvestFile } from '../../shared/transport';

import { FileItem, type HarvestOperation, type OperationTarget } from './interfaces';
import { describeOperation } from './operations';
import { pathFields, readPath } from './path';
import { invalid, readText } from './validation';

/*
 * Downloads to binary: the record stays the item's JSON and the file goes beside it under the binary field
 * the user names, stored through n8n's own helper so it works in every binary data mode (memory, filesystem,
 * database, S3).
 */

const OUTPUT_FIELD = 'binaryPropertyName';
const OUTPUT_LABEL = 'Put Output File in Field';

/** The output field's parameter, for an operation's description. */
export function outputFileFields(target: OperationTarget, what: string): INodeProperties[] {
	return describeOperation(target, [
		{
			displayName: OUTPUT_LABEL,
			name: OUTPUT_FIELD,
			type: 'string',
			required: true,
			default: 'data',
			hint: `The name of the output binary field to put the ${what} in`,
		},
	]);
}

/** The output binary field's name, checked before any request. */
export function readOutputField(this: IExecuteFunctions, itemIndex: number): string {
	const name = readText.call(this, itemIndex, OUTPUT_FIELD, OUTPUT_LABEL, 'data');
	if (!name) invalid(this, itemIndex, OUTPUT_LABEL, 'is required', 'Name the binary field for the file, e.g. data.');
	if (/[\s.[\]]/.test(name)) {
		invalid(this, itemIndex, OUTPUT_LABEL, `must be a plain field name without spaces, dots or brackets, not "${name}"`, 'For example: data or invoicePdf.');
	}
	return name;
}

/** A file name safe on every file system, from Harvest's text (invoice numbers may hold slashes). */
export function safeFileName(text: string): string {
	const printable = [...text].map((c) => (c.charCodeAt(0) < 32 ? '-' : c)).join('');
	const cleaned = printable.replace(/[\\/:*?"<>|]+/g, '-').replace(/^[.\s]+|[.\s]+$/g, '');
	return cleaned || 'file';
}

/** The record as JSON with the file beside it, under `field`. */
export async function fileItem(
	this: IExecuteFunctions,
	record: IDataObject,
	field: string,
	file: HarvestFile,
	named: { fileName: string; mimeType: string },
): Promise<FileItem> {
	// The name from the record (receipt file name, document number) is predictable, so it wins over the
	// answer's Content-Disposition; the answer's type wins unless it is the generic one.
	const mimeType = file.mimeType && file.mimeType !== 'application/octet-stream' ? file.mimeType : named.mimeType;
	const binary: IBinaryData = await this.helpers.prepareBinaryData(file.data, named.fileName || file.fileName, mimeType);
	return new FileItem(record, { [field]: binary });
}

/**
 * The PDF of an invoice or estimate from its client link. The client key is the link's only credential;
 * the request carries no token (see the transport's download module).
 */
export async function clientLinkPdf(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: ClientLinkKind,
	record: IDataObject,
): Promise<HarvestFile> {
	const label = `${kind} ${String(record.number || record.id)}`;
	const key = typeof record.client_key === 'string' ? record.client_key.trim() : '';
	if (!key) {
		throw new NodeOperationError(this.getNode(), `The ${label} has no client key, so it has no PDF link [item ${itemIndex}]`, {
			itemIndex,
			description: 'Harvest gives every invoice and estimate a client_key; this record came without one.',
		});
	}
	const web = await accountWebAddress.call(this, itemIndex);
	const url = new URL(clientLinkPath(kind, key), web).toString();
	return await harvestDownload.call(this, { url, what: `PDF of ${label}`, itemIndex, webPageIsRefusal: true });
}

/** Download PDF of an invoice or estimate: the document as JSON, its PDF from the client link as binary. */
export function documentPdfOperation(kind: ClientLinkKind, key: EndpointKey): HarvestOperation {
	const target = { resource: kind, operation: 'downloadPdf' };
	return {
		description: [...describeOperation(target, pathFields(key)), ...outputFileFields(target, 'PDF')],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const path = readPath.call(this, itemIndex, key);
			const field = readOutputField.call(this, itemIndex);
			const document = (await harvestRequest.call(this, { method: 'GET', path, itemIndex })) as IDataObject;
			const pdf = await clientLinkPdf.call(this, itemIndex, kind, document);
			const fileName = `${safeFileName(`${kind}-${String(document.number || document.id)}`)}.pdf`;
			return await fileItem.call(this, document, field, pdf, { fileName, mimeType: 'application/pdf' });
		},
	};
}
