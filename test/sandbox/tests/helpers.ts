import http, { type IncomingHttpHeaders } from 'node:http';
import type { Sandbox } from '../index';

export interface HttpResult {
	status: number;
	headers: IncomingHttpHeaders;
	text: string;
	/** Parsed JSON body (undefined when empty or not JSON). */
	json: any;
	raw: Buffer;
}

export interface RequestOptions {
	method?: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	timeoutMs?: number;
}

/** Plain node:http request (no default headers at all, so tests control User-Agent etc.). */
export function request(url: string, opts: RequestOptions = {}): Promise<HttpResult> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const raw = Buffer.concat(chunks);
				const text = raw.toString('utf8');
				let json: unknown;
				try {
					json = text ? JSON.parse(text) : undefined;
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, raw });
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error('client timeout')));
		if (opts.body !== undefined) req.write(opts.body);
		req.end();
	});
}

export const UA = 'SandboxTests (tests@example.com)';

export interface ApiOptions {
	query?: Record<string, string | number | boolean>;
	json?: unknown;
	form?: string;
	headers?: Record<string, string>;
	/** Leave out the default auth headers. */
	noAuth?: boolean;
	accountId?: string;
	token?: string;
	timeoutMs?: number;
}

/** An authenticated API call below `sb.url` (path like `/clients`), or to an absolute URL. */
export function api(sb: Sandbox, method: string, path: string, opts: ApiOptions = {}): Promise<HttpResult> {
	const url = new URL(path.startsWith('http') ? path : sb.url + path);
	for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
	const headers: Record<string, string> = { 'User-Agent': UA, ...(opts.noAuth ? {} : { Authorization: `Bearer ${opts.token ?? sb.token}`, 'Harvest-Account-Id': opts.accountId ?? sb.accountId }) };
	let body: string | undefined;
	if (opts.json !== undefined) {
		body = JSON.stringify(opts.json);
		headers['Content-Type'] = 'application/json';
	} else if (opts.form !== undefined) {
		body = opts.form;
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
	}
	return request(url.toString(), { method, headers: { ...headers, ...(opts.headers ?? {}) }, body, timeoutMs: opts.timeoutMs });
}

/** Follows `links.next` verbatim until it is null; returns every page. */
export async function walk(sb: Sandbox, path: string, query: Record<string, string | number | boolean> = {}): Promise<any[]> {
	const pages: any[] = [];
	let res = await api(sb, 'GET', path, { query });
	for (;;) {
		if (res.status !== 200) throw new Error(`page request failed: ${res.status} ${res.text}`);
		pages.push(res.json);
		const next = res.json.links.next as string | null;
		if (!next) return pages;
		res = await api(sb, 'GET', next);
	}
}

/** `YYYY-MM-DD` of the sandbox clock, shifted by days. */
export function sandboxDate(sb: Sandbox, days = 0): string {
	return new Date(sb.now().getTime() + days * 86400_000).toISOString().slice(0, 10);
}

export function multipart(fields: Record<string, string>, file?: { field: string; name: string; type: string; data: Buffer }): { body: Buffer; contentType: string } {
	const boundary = `----sandbox${Math.random().toString(16).slice(2)}`;
	const parts: Buffer[] = [];
	for (const [k, v] of Object.entries(fields)) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
	}
	if (file) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
		parts.push(file.data, Buffer.from('\r\n'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
