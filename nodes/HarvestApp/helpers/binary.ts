import type { IExecuteFunctions } from 'n8n-workflow';

/** A file of the input item, ready to go into a multipart body. */
export interface UploadFile {
	data: Blob;
	fileName: string;
}

/**
 * The item's binary field `property` as a file part: its bytes with their MIME type, and its file name (or
 * `fallbackName` plus the extension n8n recorded). n8n's own helpers fail with a clear message when the field
 * is missing, before any request.
 */
export async function readBinaryFile(
	this: IExecuteFunctions,
	itemIndex: number,
	property: string,
	fallbackName: string,
): Promise<UploadFile> {
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	const extension = binary.fileExtension ? `.${binary.fileExtension}` : '';
	return {
		data: new Blob([new Uint8Array(buffer)], { type: binary.mimeType || 'application/octet-stream' }),
		fileName: binary.fileName || `${fallbackName}${extension}`,
	};
}
