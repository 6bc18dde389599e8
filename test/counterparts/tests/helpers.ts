import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { startCounterparts, type Counterparts } from '../index';

export interface Answer {
	status: number;
	json: any;
	text: string;
	headers: Headers;
}

export async function call(url: string, init: RequestInit & { json?: unknown; form?: string } = {}): Promise<Answer> {
	const headers = new Headers(init.headers);
	let body = init.body;
	if (init.json !== undefined) {
		headers.set('content-type', 'application/json');
		body = JSON.stringify(init.json);
	}
	if (init.form !== undefined) {
		headers.set('content-type', 'application/x-www-form-urlencoded');
		body = init.form;
	}
	const response = await fetch(url, { ...init, headers, body });
	const text = await response.text();
	let json: unknown;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, json, text, headers: response.headers };
}

/** Starts the stand-ins for one test file and gives its admin API. */
export function useCounterparts(): { get: () => Counterparts; admin: (name: string, method: string, route: string, body?: unknown) => Promise<Answer> } {
	let counterparts: Counterparts;
	beforeAll(async () => {
		counterparts = await startCounterparts();
	});
	afterAll(() => counterparts.close());
	return {
		get: () => counterparts,
		admin: (name, method, route, body) => call(`${counterparts.info.origin}/__counterparts/${name}${route}`, { method, json: body }),
	};
}

/** A local HTTP server that records what it receives (an n8n webhook's place in the tests). */
export async function receiver(): Promise<{ url: string; received: Array<{ body: string; headers: http.IncomingHttpHeaders }>; close: () => Promise<void> }> {
	const received: Array<{ body: string; headers: http.IncomingHttpHeaders }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		received,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
