/**
 * A stand-in Harvest for tests that run every operation (coverage, generated bad input): nock answers any
 * request the way Harvest would in shape (a one-record list for list endpoints, the record for the rest, an
 * empty body for DELETE), and tells the caller which catalogue endpoint was hit.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS, type EndpointSpec } from '../../nodes/shared/catalogue';
import { API } from './support';

/** Catalogue templates as regexes; literal paths (/users/me) win over placeholders. */
const templates = [...ENDPOINTS]
	.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0))
	.map((e) => ({ e, re: new RegExp(`^/v2${e.path.replace(/\{\w+\}/g, '\\d+')}$`) }));

export function templateOf(method: string, pathname: string): EndpointSpec | undefined {
	return templates.find((t) => t.e.method === method && t.re.test(pathname))?.e;
}

export function sampleRecord(): IDataObject {
	return { id: 101, name: 'Sample', is_active: true, email: 'sample@example.com', external_reference: { id: 'Sample' }, user: { id: 101 } };
}

export interface EchoedRequest {
	method: string;
	url: URL;
	headers: Record<string, string>;
	body: unknown;
	endpoint?: EndpointSpec;
}

/** Answers every request to the API host until `nock.cleanAll()`, reporting each to `onRequest`. */
export function installHarvestEcho(onRequest: (request: EchoedRequest) => void = () => undefined): void {
	const reply = function (
		this: { req: { method: string; headers: Record<string, string> } },
		uri: string,
		body: unknown,
	): [number, unknown] {
		const url = new URL(uri, API);
		const endpoint = templateOf(this.req.method, url.pathname);
		onRequest({ method: this.req.method, url, headers: this.req.headers, body, endpoint });
		if (endpoint?.list) return [200, { [endpoint.list.key]: [sampleRecord()], links: { next: null } }];
		if (this.req.method === 'DELETE') return [200, ''];
		return [this.req.method === 'POST' ? 201 : 200, sampleRecord()];
	};
	for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
		nock(API)
			.persist()
			.intercept(() => true, method)
			.query(true)
			.reply(reply);
	}
}
