/** A minimal multipart/form-data parser (RFC 7578) for expense receipts. */

export interface UploadedFile {
	field: string;
	fileName: string;
	contentType: string;
	data: Buffer;
}

export interface MultipartPart {
	name: string;
	fileName: string | null;
	contentType: string | null;
	data: Buffer;
}

export function boundaryOf(contentType: string): string | null {
	const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return m ? (m[1] ?? m[2]) : null;
}

function headerParam(header: string, name: string): string | null {
	const re = new RegExp(`(?:^|;)\\s*${name}\\*?=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
	const m = re.exec(header);
	if (!m) return null;
	const raw = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2].trim();
	// RFC 5987 extended value: UTF-8''name%20with%20spaces
	const ext = /^UTF-8''(.*)$/i.exec(raw);
	return ext ? decodeURIComponent(ext[1]) : raw;
}

/** Splits a multipart body into parts. Throws on a body that does not follow the format. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: MultipartPart[] = [];
	let pos = body.indexOf(delimiter);
	if (pos < 0) throw new Error('multipart boundary not found');
	for (;;) {
		pos += delimiter.length;
		if (body.subarray(pos, pos + 2).toString() === '--') break; // closing delimiter
		if (body.subarray(pos, pos + 2).toString() === '\r\n') pos += 2;
		const headerEnd = body.indexOf('\r\n\r\n', pos);
		if (headerEnd < 0) throw new Error('multipart part without headers');
		const headers = body.subarray(pos, headerEnd).toString('utf8').split('\r\n');
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
		if (next < 0) throw new Error('multipart part not terminated');
		let name = '';
		let fileName: string | null = null;
		let contentType: string | null = null;
		for (const line of headers) {
			const colon = line.indexOf(':');
			if (colon < 0) continue;
			const key = line.slice(0, colon).trim().toLowerCase();
			const value = line.slice(colon + 1).trim();
			if (key === 'content-disposition') {
				name = headerParam(value, 'name') ?? '';
				fileName = headerParam(value, 'filename');
			} else if (key === 'content-type') contentType = value;
		}
		parts.push({ name, fileName, contentType, data: body.subarray(headerEnd + 4, next) });
		pos = next + 2;
	}
	return parts;
}
