import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, listen, readBody } from '../helpers/localServer';
import { safeQuery } from '../helpers/requestLog';
import { handleAdmin } from './admin';
import { handleClientLink } from './clientLinks';
import { bearerToken } from './auth';
import { parseBody } from './body';
import { isoTime } from './clock';
import { dispatch } from './dispatch';
import { ApiError } from './errors';
import type { FaultDecision } from './faults';
import { retryAfterSeconds } from './ratelimit';
import type { SandboxState } from './state';

const MAX_BODY_BYTES = 25 * 1024 * 1024;

interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

function write(res: ServerResponse, reply: Reply): void {
	if (res.writableEnded || res.destroyed) return;
	const headers: Record<string, string> = { ...(reply.headers ?? {}) };
	let payload: string | Buffer = '';
	if (reply.body !== undefined) {
		if (typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) payload = reply.body;
		else {
			payload = JSON.stringify(reply.body);
			headers['Content-Type'] ??= 'application/json; charset=utf-8';
		}
	}
	headers['Content-Length'] = String(Buffer.byteLength(payload));
	res.writeHead(reply.status, headers);
	res.end(payload);
}

/** The HTTP front of the sandbox: API (`/v2`), Harvest ID (`/oauth2`, `/api/v2`) and admin (`/__sandbox`). */
export class SandboxServer {
	readonly server: http.Server;
	private readonly timers = new Set<NodeJS.Timeout>();
	private closing = false;

	constructor(private readonly state: SandboxState) {
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((err) => {
				console.error('[sandbox] unexpected error', err);
				write(res, { status: 500, body: { status: 500, error: 'Internal Server Error' } });
			});
		});
		this.server.keepAliveTimeout = 5000;
	}

	listen(port: number, host: string): Promise<number> {
		return listen(this.server, port, host);
	}

	close(): Promise<void> {
		this.closing = true;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		return closeServer(this.server);
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this.timers.delete(t);
				resolve();
			}, ms);
			this.timers.add(t);
		});
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const started = performance.now();
		const { state } = this;
		res.setHeader('Date', state.clock.httpDate());
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const path = url.pathname;
		const origin = `http://${req.headers.host ?? `127.0.0.1:${(this.server.address() as AddressInfo).port}`}`;
		const raw = await readBody(req, MAX_BODY_BYTES);
		if (raw === null) return write(res, { status: 413, body: { message: 'Request body too large' } });
		const method = (req.method ?? 'GET').toUpperCase();

		if (path === '/__sandbox' || path.startsWith('/__sandbox/')) {
			return write(res, handleAdmin(state, { method, path, query: url.searchParams, raw, origin }));
		}

		const logEntry = (status: number, accountId: number | null, fault: string | null) =>
			state.log.add({
				time: isoTime(state.clock.nowSec()), method, path, query: safeQuery(url.searchParams), status, accountId,
				durationMs: Math.round((performance.now() - started) * 100) / 100, bodyBytes: raw.length, fault,
			});

		if (path === '/v2' || path.startsWith('/v2/')) return this.handleApi(req, res, { method, path, url, raw, origin }, logEntry);

		if (path.startsWith('/oauth2/') || path.startsWith('/api/v2/')) {
			const reply = state.oauth.handle({ method, path, query: url.searchParams, headers: req.headers, rawBody: raw, origin });
			const out = reply ?? { status: 404, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify({ status: 404, error: 'Not Found' }) };
			logEntry(out.status, null, null);
			return write(res, out);
		}

		const clientLink = handleClientLink(state, method, path, origin);
		if (clientLink) {
			state.log.add({
				time: isoTime(state.clock.nowSec()), method, path, query: safeQuery(url.searchParams), status: clientLink.status, accountId: null,
				durationMs: Math.round((performance.now() - started) * 100) / 100, bodyBytes: raw.length, fault: null,
				credentials: !!req.headers.authorization || url.searchParams.has('access_token'),
			});
			return write(res, clientLink);
		}

		if (path === '/' && method === 'GET') {
			return write(res, {
				status: 200,
				body: { name: 'Harvest API v2 sandbox', api: `${origin}/v2`, harvestId: origin, admin: `${origin}/__sandbox`, accounts: state.auth.accounts },
			});
		}
		return write(res, { status: 404, body: { status: 404, error: 'Not Found' } });
	}

	private async handleApi(
		req: IncomingMessage,
		res: ServerResponse,
		r: { method: string; path: string; url: URL; raw: Buffer; origin: string },
		logEntry: (status: number, accountId: number | null, fault: string | null) => void,
	): Promise<void> {
		const { state } = this;
		const headerAccount = String(req.headers['harvest-account-id'] ?? r.url.searchParams.get('account_id') ?? '');
		let accountId: number | null = /^\d+$/.test(headerAccount.trim()) ? Number(headerAccount.trim()) : null;
		const fault: FaultDecision = state.faults.decide(r.method, r.path);
		if (fault.delayMs > 0) {
			await this.sleep(fault.delayMs);
			if (this.closing) return;
		}
		if (fault.action === 'reset') {
			logEntry(0, accountId, 'reset');
			req.socket.destroy();
			return;
		}
		if (fault.action === 'timeout') {
			// Never answered: the socket stays open until the client gives up or the sandbox closes.
			logEntry(0, accountId, 'timeout');
			return;
		}
		if (fault.action === 'force429') {
			const seconds = state.faults.get().retryAfterSeconds ?? retryAfterSeconds(15_000 * state.limiter.timeScale);
			const header = state.faults.get().retryAfterFormat === 'http-date' ? new Date((state.clock.nowSec() + Math.ceil(seconds)) * 1000).toUTCString() : String(seconds);
			logEntry(429, accountId, 'force429');
			return write(res, { status: 429, headers: { 'Retry-After': header }, body: { message: `This request has been throttled. Try again in ${seconds} seconds.`, retry_after: seconds } });
		}
		if (fault.action === 'error') {
			const status = fault.status ?? 500;
			logEntry(status, accountId, 'error');
			if (status === 502 || status === 503) {
				const text = status === 502 ? 'Bad Gateway' : 'Service Unavailable';
				return write(res, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: `<html><head><title>${status} ${text}</title></head><body><h1>${status} ${text}</h1></body></html>\n` });
			}
			return write(res, { status, body: { status, error: http.STATUS_CODES[status] ?? 'Error' } });
		}

		let reply: Reply;
		try {
			if (!req.headers['user-agent']) {
				throw new ApiError(400, { message: 'Missing User-Agent header. Send one naming your application and a contact, e.g. "MyApp (you@example.com)".' });
			}
			const token = bearerToken(req.headers.authorization) ?? r.url.searchParams.get('access_token');
			accountId = state.auth.authenticate(token, headerAccount || null, state.clock.nowSec());
			const bucket = r.path.startsWith('/v2/reports/') ? 'reports' : 'general';
			const taken = state.limiter.take(accountId, bucket);
			if (!taken.ok) {
				const seconds = retryAfterSeconds(taken.retryAfterMs);
				throw new ApiError(
					429,
					{ message: `This request has been throttled. Try again in ${seconds} seconds.`, retry_after: seconds },
					{ 'Retry-After': String(seconds), 'X-Sandbox-Retry-After-Ms': String(Math.ceil(taken.retryAfterMs)) },
				);
			}
			const store = state.store(accountId);
			const parsed = parseBody(r.raw, req.headers['content-type']);
			const result = dispatch(state, store, { method: r.method, path: r.path, query: r.url.searchParams, fields: parsed.fields, files: parsed.files, origin: r.origin });
			reply = { status: result.status, body: result.body };
		} catch (err) {
			if (!(err instanceof ApiError)) throw err;
			reply = { status: err.status, body: err.body, headers: err.headers };
		}
		if (fault.perRecordMs > 0 && reply.status < 300) {
			// Harvest's time to build the answer grows with its records (the latency model in the README).
			await this.sleep(fault.perRecordMs * recordsIn(reply.body));
			if (this.closing) return;
		}
		if (fault.action === 'malformed') {
			const text = reply.body === undefined ? '{"message":"ok"}' : JSON.stringify(reply.body);
			logEntry(200, accountId, 'malformed');
			return write(res, { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: text.slice(0, Math.max(1, Math.floor(text.length / 2))) });
		}
		logEntry(reply.status, accountId, null);
		write(res, { ...reply, headers: { 'Cache-Control': 'max-age=0, private, must-revalidate', ...(reply.headers ?? {}) } });
	}
}

/** Records in an answer: the list of a list page (the envelope with `per_page`), else one record. */
export function recordsIn(body: unknown): number {
	if (!body || typeof body !== 'object') return 0;
	const envelope = body as Record<string, unknown>;
	if (!('per_page' in envelope)) return 1;
	const list = Object.values(envelope).find((value) => Array.isArray(value));
	return Array.isArray(list) ? list.length : 0;
}
