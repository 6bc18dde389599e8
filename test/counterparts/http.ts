/**
 * What every stand-in shares: the request and reply shapes, body parsing (JSON, forms with Bitrix24/PHP-style
 * bracket keys, CSV text) and the error a handler throws to answer with a status.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface CallRequest {
	method: string;
	/** Path below the counterpart's prefix, e.g. `/v1/datasets` for `/domo/v1/datasets`. */
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	/** JSON or form bodies parsed; CSV and other text as a string; undefined when empty. */
	body: unknown;
	rawBody: string;
	/** Set when the call comes from the admin API (the other system's own UI): no auth, not logged. */
	internal?: boolean;
}

export interface Reply {
	status: number;
	/** An object is sent as JSON; a string as is with `contentType`. */
	body?: unknown;
	contentType?: string;
	headers?: Record<string, string>;
}

/** Thrown by handlers; the server turns it into the counterpart's error reply. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
	) {
		super(typeof body === 'string' ? body : JSON.stringify(body));
	}
}

export const ok = (body?: unknown, status = 200): Reply => ({ status, body });

/**
 * Parses `a[b][c]=1&a[b][d][]=2` into nested objects and arrays, the way PHP (and so Bitrix24) reads forms.
 * Numeric keys become array positions only when they count up from 0.
 */
export function parseNestedForm(text: string): Record<string, unknown> {
	const root: Record<string, unknown> = {};
	for (const [fullKey, value] of new URLSearchParams(text)) {
		const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(fullKey);
		const keys = match ? [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])] : [fullKey];
		let node: Record<string, unknown> = root;
		for (let i = 0; i < keys.length; i++) {
			const last = i === keys.length - 1;
			let key = keys[i];
			if (key === '') key = String(Object.keys(node).length);
			if (last) node[key] = value;
			else {
				if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
				node = node[key] as Record<string, unknown>;
			}
		}
	}
	return listsFromNumberedObjects(root) as Record<string, unknown>;
}

function listsFromNumberedObjects(value: unknown): unknown {
	if (!value || typeof value !== 'object') return value;
	const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, listsFromNumberedObjects(v)] as const);
	const numbered = entries.length > 0 && entries.every(([k], i) => k === String(i));
	return numbered ? entries.map(([, v]) => v) : Object.fromEntries(entries);
}

export function parseBody(contentType: string | undefined, raw: string): unknown {
	if (!raw) return undefined;
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'application/json' || (type === '' && /^\s*[[{]/.test(raw))) {
		try {
			return JSON.parse(raw);
		} catch {
			throw new HttpError(400, { error: 'invalid_json', message: 'The body is not valid JSON' });
		}
	}
	if (type === 'application/x-www-form-urlencoded') return parseNestedForm(raw);
	return raw;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	let i = 0;
	const endField = () => {
		row.push(field);
		field = '';
	};
	while (i < text.length) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i += 2;
				continue;
			}
			if (c === '"') quoted = false;
			else field += c;
			i++;
			continue;
		}
		if (c === '"' && field === '') quoted = true;
		else if (c === ',') endField();
		else if (c === '\n' || c === '\r') {
			endField();
			rows.push(row);
			row = [];
			if (c === '\r' && text[i + 1] === '\n') i++;
		} else field += c;
		i++;
	}
	if (field !== '' || row.length > 0) {
		endField();
		rows.push(row);
	}
	return rows;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
	const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
	return rows.map((r) => `${r.map(cell).join(',')}\n`).join('');
}

export function isoNow(): string {
	return new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
