import type { IExecuteFunctions } from 'n8n-workflow';

import { readBinaryFile, type UploadFile } from '../../helpers/binary';
import { invalid, toText } from '../../helpers/validation';

/** Names the credential and the connection own; a request may not set them (any case). */
const RESERVED = new Map([
	['authorization', 'the credential sets it'],
	['harvest-account-id', 'the node’s Account (or the credential’s Account ID) sets it'],
	['host', 'it always names the configured Harvest host'],
]);
/** Framing headers that the HTTP client computes from the body; a wrong value would corrupt the request. */
const COMPUTED = new Set(['content-length', 'transfer-encoding', 'connection']);
/** An HTTP field name (RFC 9110 token). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

type Row = { [field: string]: unknown };

/** The rows of a fixed collection (`{ group: [rows] }`); anything else is refused, not read as no rows. */
export function rowsOf(this: IExecuteFunctions, itemIndex: number, name: string, label: string, group: string): Row[] {
	const raw = this.getNodeParameter(name, itemIndex, {});
	if (raw === undefined || raw === null || raw === '') return [];
	const rows = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Row)[group] ?? [] : undefined;
	if (!Array.isArray(rows) || rows.some((row) => !row || typeof row !== 'object' || Array.isArray(row))) {
		invalid(this, itemIndex, label, `must be a list of ${group}s, not ${JSON.stringify(raw)}`);
	}
	return rows as Row[];
}

/** The Custom API Call's extra headers, checked before anything is sent. */
export function readHeaders(this: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const row of rowsOf.call(this, itemIndex, 'headers', 'Headers', 'header')) {
		const name = toText({ ctx: this, itemIndex, label: 'Headers › Name' }, row.name).trim();
		if (!name) continue;
		const lower = name.toLowerCase();
		const reserved = RESERVED.get(lower);
		if (reserved) invalid(this, itemIndex, 'Headers', `may not set ${name}: ${reserved}`, 'Remove that header; nothing was sent.');
		if (COMPUTED.has(lower)) invalid(this, itemIndex, 'Headers', `may not set ${name}: it is computed from the body`);
		if (!TOKEN.test(name)) invalid(this, itemIndex, 'Headers', `has an invalid header name ${JSON.stringify(name)}`);
		const value = toText({ ctx: this, itemIndex, label: `Headers › ${name}` }, row.value);
		// A line break would start a header of its own (header injection).
		if (/[\r\n\0]/.test(value)) invalid(this, itemIndex, `Headers › ${name}`, 'may not contain line breaks');
		if (Object.keys(headers).some((seen) => seen.toLowerCase() === lower)) {
			invalid(this, itemIndex, 'Headers', `names ${name} twice`);
		}
		headers[name] = value;
	}
	return headers;
}

interface FormPartRow {
	name?: unknown;
	type?: unknown;
	value?: unknown;
	binaryPropertyName?: unknown;
}

/** A multipart/form-data body: text parts as given, file parts from the item's binary fields (name and type kept). */
export async function readMultipart(this: IExecuteFunctions, itemIndex: number): Promise<FormData> {
	const rows = rowsOf.call(this, itemIndex, 'formParts', 'Form Parts', 'part') as FormPartRow[];
	if (!rows.length) invalid(this, itemIndex, 'Form Parts', 'needs at least one part', 'Add a text or file part, or choose a JSON body.');
	// Read every file before building the body, so a missing one fails before anything is sent.
	const parts: Array<{ name: string; text?: string; file?: UploadFile }> = [];
	for (const [index, row] of rows.entries()) {
		const label = `Form Parts › Part ${index + 1}`;
		const name = toText({ ctx: this, itemIndex, label: `${label} › Name` }, row.name).trim();
		if (!name) invalid(this, itemIndex, `${label} › Name`, 'is required');
		const type = toText({ ctx: this, itemIndex, label: `${label} › Type` }, row.type ?? 'text');
		if (type === 'text') {
			parts.push({ name, text: toText({ ctx: this, itemIndex, label: `${label} › Value` }, row.value ?? '') });
		} else if (type === 'binary') {
			const property = toText({ ctx: this, itemIndex, label: `${label} › Input Binary Field` }, row.binaryPropertyName ?? 'data').trim();
			if (!property) invalid(this, itemIndex, `${label} › Input Binary Field`, 'is required');
			parts.push({ name, file: await readBinaryFile.call(this, itemIndex, property, property) });
		} else {
			invalid(this, itemIndex, `${label} › Type`, `must be binary or text, not ${JSON.stringify(type)}`);
		}
	}
	const form = new FormData();
	for (const part of parts) {
		if (part.file) form.append(part.name, part.file.data, part.file.fileName);
		else form.append(part.name, part.text ?? '');
	}
	return form;
}
