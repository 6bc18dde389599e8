/**
 * One HTTP server for all stand-ins: `/<name>/…` is that counterpart's API (logged), `/__counterparts/<name>/…`
 * its admin API (no auth, not logged), like the Harvest sandbox's `/__sandbox`.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';

import { closeServer, listen, readBody } from '../helpers/localServer';
import { safeQuery } from '../helpers/requestLog';
import type { Counterpart } from './counterpart';
import { HttpError, isoNow, parseBody, type CallRequest, type Reply } from './http';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

async function readText(req: IncomingMessage): Promise<string> {
	const body = await readBody(req, MAX_BODY_BYTES);
	if (body === null) throw new HttpError(413, 'Body too large');
	return body.toString('utf8');
}

function send(res: ServerResponse, reply: Reply): void {
	if (res.writableEnded || res.destroyed) return;
	const headers: Record<string, string> = { ...(reply.headers ?? {}) };
	let payload = '';
	if (reply.body !== undefined && reply.body !== null && typeof reply.body !== 'string') {
		payload = JSON.stringify(reply.body);
		headers['Content-Type'] = 'application/json; charset=utf-8';
	} else if (typeof reply.body === 'string') {
		payload = reply.body;
		headers['Content-Type'] = reply.contentType ?? 'text/plain; charset=utf-8';
	} else if (reply.body === null) {
		payload = 'null';
		headers['Content-Type'] = 'application/json; charset=utf-8';
	}
	headers['Content-Length'] = String(Buffer.byteLength(payload));
	res.writeHead(reply.status, headers);
	res.end(payload);
}

export class CounterpartServer {
	readonly server: http.Server;
	private readonly byName: Map<string, Counterpart>;

	constructor(readonly counterparts: Counterpart[]) {
		this.byName = new Map(counterparts.map((c) => [c.name, c]));
		this.server = http.createServer((req, res) => {
			this.route(req, res).catch((error: unknown) => {
				process.stderr.write(`[counterparts] unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
				send(res, { status: 500, body: { error: 'internal error' } });
			});
		});
		this.server.keepAliveTimeout = 5000;
	}

	listen(port: number, host: string): Promise<number> {
		return listen(this.server, port, host);
	}

	async close(): Promise<void> {
		for (const c of this.counterparts) c.close();
		await closeServer(this.server);
	}

	private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const origin = `http://${req.headers.host ?? 'localhost'}`;
		const [, first, ...rest] = url.pathname.split('/');
		let raw: string;
		try {
			raw = await readText(req);
		} catch (error) {
			send(res, { status: 413, body: { error: (error as Error).message } });
			return;
		}
		if (first === '__counterparts') {
			send(res, await this.admin(req.method ?? 'GET', rest, raw, origin));
			return;
		}
		const counterpart = this.byName.get(first);
		if (!counterpart) {
			send(res, { status: 404, body: { error: `no counterpart "${first}"; try /__counterparts` } });
			return;
		}
		const call: CallRequest = {
			method: (req.method ?? 'GET').toUpperCase(),
			path: `/${rest.join('/')}`,
			query: url.searchParams,
			headers: req.headers,
			body: undefined,
			rawBody: raw,
		};
		const reply = await this.answer(counterpart, call, req.headers['content-type']);
		counterpart.log.add({
			time: isoNow(),
			method: call.method,
			path: counterpart.logPath(call),
			query: safeQuery(call.query),
			status: reply.status,
			write: counterpart.isWrite(call),
			call: counterpart.callName(call),
			bodyBytes: Buffer.byteLength(raw),
		});
		send(res, reply);
	}

	private async answer(counterpart: Counterpart, call: CallRequest, contentType: string | undefined): Promise<Reply> {
		try {
			call.body = parseBody(contentType, call.rawBody);
			return await counterpart.handle(call);
		} catch (error) {
			if (!(error instanceof HttpError)) throw error;
			const body = typeof error.body === 'string' ? counterpart.errorBody(error.status, error.body) : error.body;
			return { status: error.status, body };
		}
	}

	/** `/__counterparts[/<name>/<route>]`: state, requests, reset, seed, call, and each counterpart's own routes. */
	private async admin(method: string, parts: string[], raw: string, origin: string): Promise<Reply> {
		const [name, ...route] = parts.filter(Boolean);
		if (!name) return { status: 200, body: Object.fromEntries(this.counterparts.map((c) => [c.name, c.info(origin)])) };
		const counterpart = this.byName.get(name);
		if (!counterpart) return { status: 404, body: { error: `no counterpart "${name}"` } };
		let body: Record<string, unknown> = {};
		try {
			const parsed = raw ? JSON.parse(raw) : {};
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error();
			body = parsed as Record<string, unknown>;
		} catch {
			return { status: 400, body: { error: 'the admin body must be a JSON object' } };
		}
		const path = `/${route.join('/')}`;
		try {
			switch (`${method} ${path}`) {
				case 'GET /':
				case 'GET /info':
					return { status: 200, body: counterpart.info(origin) };
				case 'GET /state':
					await counterpart.idle();
					return { status: 200, body: counterpart.state() };
				case 'GET /requests':
					return { status: 200, body: { requests: counterpart.log.list() } };
				case 'DELETE /requests':
					counterpart.log.clear();
					return { status: 200, body: { requests: [] } };
				case 'POST /reset':
					counterpart.reset();
					return { status: 200, body: counterpart.state() };
				case 'POST /seed':
					return { status: 200, body: counterpart.seed(body) };
				case 'POST /call':
					return await this.internalCall(counterpart, body);
				default: {
					const own = await counterpart.adminRoute(method, path, body);
					return own ?? { status: 404, body: { error: `no admin route ${method} ${path} for ${name}` } };
				}
			}
		} catch (error) {
			if (error instanceof HttpError) return { status: error.status, body: typeof error.body === 'string' ? { error: error.body } : error.body };
			throw error;
		}
	}

	/**
	 * A change made in the other system's own UI: `{method, path, query?, body?}` runs through the same handler
	 * as the API, without auth, and is not logged as API traffic.
	 */
	private async internalCall(counterpart: Counterpart, input: Record<string, unknown>): Promise<Reply> {
		const query = new URLSearchParams((input.query as Record<string, string>) ?? {});
		const body = input.body;
		const call: CallRequest = {
			method: String(input.method ?? 'POST').toUpperCase(),
			path: String(input.path ?? '/'),
			query,
			headers: {},
			body,
			rawBody: typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body),
			internal: true,
		};
		try {
			return await counterpart.handle(call);
		} catch (error) {
			if (!(error instanceof HttpError)) throw error;
			const errorBody = typeof error.body === 'string' ? counterpart.errorBody(error.status, error.body) : error.body;
			return { status: error.status, body: errorBody };
		}
	}
}
