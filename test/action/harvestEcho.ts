/**
 * A stand-in Harvest for tests that run every operation (coverage, generated bad input): nock answers any
 * request the way Harvest would in shape (a one-record list for list endpoints, the record for the rest, an
 * empty body for DELETE), and tells the caller which catalogue endpoint was hit.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { CLIENT_LINKS, ENDPOINTS, type EndpointSpec } from '../../nodes/shared/catalogue';
import { API } from './support';

/** Catalogue templates as regexes; literal paths (/users/me) win over placeholders. */
const templates = [...ENDPOINTS]
	.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0))
	.map((e) => ({ e, re: new RegExp(`^/v2${e.path.replace(/\{\w+\}/g, '\\d+')}$`) }));

export function templateOf(method: string, pathname: string): EndpointSpec | undefined {
	return templates.find((t) => t.e.method === method && t.re.test(pathname))?.e;
}

/** The account's web address in sample records (Company `base_uri`), where client links and receipts live. */
export const SAMPLE_WEB = 'https://sample.harvestapp.com';

export function sampleRecord(): IDataObject {
	return {
		id: 101, name: 'Sample', is_active: true, email: 'sample@example.com', external_reference: { id: 'Sample' }, user: { id: 101 },
		client_key: '0123456789abcdef0123456789abcdef01234567', base_uri: SAMPLE_WEB,
		receipt: { url: `${SAMPLE_WEB}/expenses/101/receipt`, file_name: 'sample.png', file_size: 8, content_type: 'image/png' },
	};
}

export interface EchoedRequest {
	method: string;
	url: URL;
	headers: Record<string, string>;
	body: unknown;
	endpoint?: EndpointSpec;
	/** Requests to the account's web address (downloads): the address template they follow, e.g. `GET {web}/client/invoices/{clientKey}.pdf`. */
	link?: string;
}

/** The template a web-address path follows: a catalogue client link, a receipt URL, or itself (unknown). */
function linkTemplate(pathname: string): string {
	const document = /^\/client\/(invoices|estimates)\/[0-9a-f]+\.pdf$/.exec(pathname);
	if (document) return `GET {web}${CLIENT_LINKS[document[1] === 'invoices' ? 'invoice' : 'estimate']}`;
	if (/^\/expenses\/\d+\/receipt$/.test(pathname)) return 'GET {receipt.url}';
	return `GET {web}${pathname}`;
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
	// Files on the account's web address: any GET answers a small file of the type its path suggests.
	nock(SAMPLE_WEB)
		.persist()
		.get(() => true)
		.reply(function (uri: string) {
			const url = new URL(uri, SAMPLE_WEB);
			onRequest({ method: 'GET', url, headers: this.req.headers as Record<string, string>, body: '', link: linkTemplate(url.pathname) });
			return uri.endsWith('.pdf') ? [200, Buffer.from('%PDF-1.4\n%%EOF\n'), { 'Content-Type': 'application/pdf' }] : [200, Buffer.from('89504e47', 'hex'), { 'Content-Type': 'image/png' }];
		});
	for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
		nock(API)
			.persist()
			.intercept(() => true, method)
			.query(true)
			.reply(reply);
	}
}
