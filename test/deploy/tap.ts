// A pass-through in front of a sandbox that notes when each request arrives and when its answer leaves. The
// sandbox logs a request only once it has answered; the crash runs need to know that a poll's read is on its way
// to kill main in the middle of it.
import http from 'http';
import type { AddressInfo } from 'net';

export interface TappedRequest {
	method: string;
	path: string;
	arrivedAt: number;
	answeredAt?: number;
	status?: number;
}

export class Tap {
	readonly requests: TappedRequest[] = [];
	private waiters: Array<{ match: (r: TappedRequest) => boolean; resolve: (r: TappedRequest) => void }> = [];

	private constructor(
		private readonly server: http.Server,
		readonly port: number,
	) {}

	static async start(targetPort: number): Promise<Tap> {
		const agent = new http.Agent({ keepAlive: false });
		let tap: Tap | undefined;
		const server = http.createServer((req, res) => {
			const seen: TappedRequest = { method: req.method ?? '', path: (req.url ?? '').split('?')[0], arrivedAt: Date.now() };
			tap?.arrived(seen);
			res.on('finish', () => {
				seen.answeredAt = Date.now();
				seen.status = res.statusCode;
			});
			const upstream = http.request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers, agent }, (reply) => {
				res.writeHead(reply.statusCode ?? 502, reply.headers);
				reply.pipe(res);
			});
			upstream.on('error', (error) => {
				if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
				res.end(`tap: ${error.message}`);
			});
			req.pipe(upstream);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
		tap = new Tap(server, (server.address() as AddressInfo).port);
		return tap;
	}

	/** The sandbox's API base through the tap. */
	url(apiUrl: string): string {
		const target = new URL(apiUrl);
		target.port = String(this.port);
		return target.toString().replace(/\/$/, '');
	}

	private arrived(request: TappedRequest): void {
		this.requests.push(request);
		const ready = this.waiters.filter((w) => w.match(request));
		this.waiters = this.waiters.filter((w) => !w.match(request));
		for (const waiter of ready) waiter.resolve(request);
	}

	/** The next request (arriving from now on) that `match` accepts. */
	next(match: (request: TappedRequest) => boolean, timeoutMs: number): Promise<TappedRequest> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.waiters = this.waiters.filter((w) => w.resolve !== done);
				reject(new Error(`no matching request within ${timeoutMs / 1000} s`));
			}, timeoutMs);
			const done = (request: TappedRequest) => {
				clearTimeout(timer);
				resolve(request);
			};
			this.waiters.push({ match, resolve: done });
		});
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}
