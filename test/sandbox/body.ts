import { badRequest } from './errors';
import { boundaryOf, parseMultipart, type UploadedFile } from './multipart';

export interface ParsedBody {
	fields: Record<string, unknown>;
	files: Record<string, UploadedFile>;
}

/** Splits `line_items[][kind]` into ['line_items', '', 'kind']. */
function keyPath(key: string): string[] {
	const first = key.indexOf('[');
	if (first < 0) return [key];
	const out = [key.slice(0, first)];
	const re = /\[([^\]]*)\]/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(key.slice(first)))) out.push(m[1]);
	return out;
}

/**
 * Sets a value following Rails' nested parameter conventions: `a[b]=1` → {a:{b:1}},
 * `a[]=1&a[]=2` → {a:[1,2]}, `a[][x]=1&a[][y]=2&a[][x]=3` → {a:[{x:1,y:2},{x:3}]}.
 */
export function setNested(target: Record<string, unknown>, key: string, value: unknown): void {
	assignPath(target, keyPath(key), value);
}

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => !!v && typeof v === 'object' && !Array.isArray(v);

function assignPath(node: Node, path: string[], value: unknown): void {
	const [head, ...rest] = path;
	if (rest.length === 0) {
		node[head] = value;
		return;
	}
	if (rest[0] === '') {
		let list = node[head];
		if (!Array.isArray(list)) {
			list = [];
			node[head] = list;
		}
		const arr = list as unknown[];
		const tail = rest.slice(1);
		if (tail.length === 0) {
			arr.push(value);
			return;
		}
		let element = arr[arr.length - 1];
		// A repeated leaf key starts the next element, as in Rails.
		if (!isNode(element) || (tail.length === 1 && tail[0] in element)) {
			element = {};
			arr.push(element);
		}
		assignPath(element as Node, tail, value);
		return;
	}
	let child = node[head];
	if (!isNode(child)) {
		child = {};
		node[head] = child;
	}
	assignPath(child as Node, rest, value);
}

export function parseForm(text: string): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of new URLSearchParams(text)) setNested(out, k, v);
	return out;
}

/** Parses a request body by its Content-Type: JSON (also the default), urlencoded form, or multipart. */
export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
	const type = (contentType ?? '').toLowerCase();
	if (raw.length === 0) return { fields: {}, files: {} };
	if (type.startsWith('multipart/form-data')) {
		const boundary = boundaryOf(contentType ?? '');
		if (!boundary) throw badRequest('multipart/form-data body without a boundary');
		let parts;
		try {
			parts = parseMultipart(raw, boundary);
		} catch (e) {
			throw badRequest(`Malformed multipart body: ${(e as Error).message}`);
		}
		const fields: Record<string, unknown> = {};
		const files: Record<string, UploadedFile> = {};
		for (const part of parts) {
			if (part.fileName !== null) {
				files[part.name] = {
					field: part.name,
					fileName: part.fileName,
					contentType: part.contentType ?? 'application/octet-stream',
					data: Buffer.from(part.data),
				};
			} else setNested(fields, part.name, part.data.toString('utf8'));
		}
		return { fields, files };
	}
	if (type.startsWith('application/x-www-form-urlencoded')) return { fields: parseForm(raw.toString('utf8')), files: {} };
	const text = raw.toString('utf8');
	if (text.trim() === '') return { fields: {}, files: {} };
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw badRequest('The request body is not valid JSON');
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('The request body must be a JSON object');
	return { fields: parsed as Record<string, unknown>, files: {} };
}
