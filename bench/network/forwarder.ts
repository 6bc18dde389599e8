// A pass-through in front of the sandbox for each node: HTTPS on 127.0.0.1:443 for the built-in node (its host
// is hard-coded), plain HTTP on a free loopback port for ours, so both take the same extra hop. Method, path,
// headers and body pass unchanged. It also times the requests: when the first arrived and the last was
// answered, which is the node's network time even when n8n reports nothing (a failed run).
import fs from 'fs';
import http from 'http';
import https from 'https';
import type { AddressInfo } from 'net';

import type { CertFiles } from './cert';

export interface Span {
	requests: number;
	/** First request in → last response out, in ms; 0 without requests. */
	ms: number;
	/** Response bodies passed back, in bytes. */
	responseBytes: number;
	/** Most requests that were open at the same moment (1 for a node that reads one page at a time). */
	mostAtOnce: number;
}

export interface Forwarder {
	port: number;
	/** Sends everything from now on to this sandbox port (the unthrottled reference uses a second sandbox). */
	retarget(port: number): void;
	/** Forgets the timings so far. */
	reset(): void;
	span(): Span;
	close(): Promise<void>;
}

export interface ForwarderOptions {
	targetPort: number;
	/** With a certificate the forwarder speaks HTTPS. */
	tls?: CertFiles;
	/** 0 picks a free port. */
	port: number;
}

export async function startForwarder(options: ForwarderOptions): Promise<Forwarder> {
	let target = options.targetPort;
	let first: number | undefined;
	let last: number | undefined;
	let requests = 0;
	let responseBytes = 0;
	let open = 0;
	let mostAtOnce = 0;
	// No pooling towards the sandbox: each request is forwarded on its own connection, like the clients' own.
	const agent = new http.Agent({ keepAlive: false });
	const handler: http.RequestListener = (req, res) => {
		requests += 1;
		first ??= performance.now();
		mostAtOnce = Math.max(mostAtOnce, ++open);
		res.on('finish', () => {
			last = performance.now();
		});
		// 'close' comes after 'finish', and also when the client gives up.
		res.on('close', () => {
			open -= 1;
		});
		const upstream = http.request(
			{ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers, agent },
			(reply) => {
				res.writeHead(reply.statusCode ?? 502, reply.headers);
				reply.on('data', (chunk: Buffer) => {
					responseBytes += chunk.length;
				});
				reply.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`bench forwarder: ${error.message}`);
		});
		req.pipe(upstream);
	};
	const server = options.tls
		? https.createServer({ key: fs.readFileSync(options.tls.key), cert: fs.readFileSync(options.tls.cert) }, handler)
		: http.createServer(handler);
	await new Promise<void>((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) => {
			if (error.code === 'EADDRINUSE') {
				reject(new Error(`port ${options.port} on 127.0.0.1 is taken; the built-in Harvest node can only be reached there. Free it and run again.`));
			} else if (error.code === 'EACCES') {
				reject(new Error(`no permission to listen on port ${options.port}: run as root or lower net.ipv4.ip_unprivileged_port_start`));
			} else reject(error);
		});
		server.listen(options.port, '127.0.0.1', () => resolve());
	});
	return {
		port: (server.address() as AddressInfo).port,
		retarget: (port) => {
			target = port;
		},
		reset: () => {
			first = undefined;
			last = undefined;
			requests = 0;
			responseBytes = 0;
			mostAtOnce = open;
		},
		span: () => ({ requests, responseBytes, mostAtOnce, ms: first !== undefined && last !== undefined ? Math.round(last - first) : 0 }),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
				agent.destroy();
			}),
	};
}
