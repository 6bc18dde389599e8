/**
 * Downloads against Harvest's own hosts (nock): the account's web address comes from Company `base_uri`,
 * looked up once per execution; client links and receipt URLs get neither the token nor the account header,
 * on every hop of a redirect; what Harvest answers instead of a file (a 404 page, a sign-in page) and a web
 * address that is not Harvest's are clear errors.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { API, byId, refusal, run, TOKEN } from './support';

const WEB = 'https://acme.harvestapp.com';
const KEY = '9e97f4a65c5b83b1fc02f54e5a41c9dc7d458542';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%%EOF\n');

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** Headers each request to `origin` carried, in order. */
function recordHeaders(scope: nock.Scope, seen: IDataObject[]): nock.Scope {
	scope.on('request', (req: { headers: IDataObject }) => seen.push({ ...req.headers }));
	return scope;
}

const invoicePdf = (invoiceId: number | string) => ({ resource: 'invoice', operation: 'downloadPdf', invoiceId: byId(invoiceId), binaryPropertyName: 'data' });

describe('downloads from Harvest (nock)', () => {
	it('finds the web address once per execution and fetches client links without the token or account header', async () => {
		const company = nock(API).get('/v2/company').once().reply(200, { base_uri: WEB, full_domain: 'acme.harvestapp.com' });
		nock(API)
			.get(/^\/v2\/invoices\/\d+$/)
			.times(2)
			.reply(200, (uri) => ({ id: Number(uri.split('/').pop()), number: `INV/${uri.split('/').pop()}`, client_key: KEY }));
		const webHeaders: IDataObject[] = [];
		recordHeaders(nock(WEB).get(`/client/invoices/${KEY}.pdf`).times(2).reply(200, PDF, { 'Content-Type': 'application/pdf' }), webHeaders);
		const { items } = await run((i) => invoicePdf(10 + i), { items: [{ json: {} }, { json: {} }] });
		expect(company.isDone()).toBe(true);
		expect(items.map((item) => [item.json.id, item.pairedItem, item.binary!.data.fileName, item.binary!.data.mimeType])).toEqual([
			[10, { item: 0 }, 'invoice-INV-10.pdf', 'application/pdf'],
			[11, { item: 1 }, 'invoice-INV-11.pdf', 'application/pdf'],
		]);
		expect(Buffer.from(items[0].binary!.data.data, 'base64')).toEqual(PDF);
		expect(webHeaders).toHaveLength(2);
		for (const headers of webHeaders) {
			expect(Object.keys(headers).filter((h) => /authorization|harvest-account-id|cookie/i.test(h))).toEqual([]);
			expect(JSON.stringify(headers)).not.toContain(TOKEN);
		}
	});

	it('follows a receipt redirect to another host, without credentials on either hop, and names the file from the record', async () => {
		nock(API)
			.get('/v2/expenses/7')
			.reply(200, { id: 7, receipt: { url: `${WEB}/expenses/7/receipt`, file_name: 'lunch receipt.gif', file_size: 6, content_type: 'image/gif' } });
		const seen: IDataObject[] = [];
		recordHeaders(nock(WEB).get('/expenses/7/receipt').reply(302, '', { Location: 'https://files.example.com/r/7?sig=abc' }), seen);
		recordHeaders(nock('https://files.example.com').get('/r/7').query({ sig: 'abc' }).reply(200, Buffer.from('GIF89a'), { 'Content-Type': 'application/octet-stream' }), seen);
		const { items } = await run({ resource: 'expense', operation: 'downloadReceipt', expenseId: byId(7), binaryPropertyName: 'data' });
		expect(items[0].binary!.data).toMatchObject({ fileName: 'lunch receipt.gif', mimeType: 'image/gif' });
		expect(Buffer.from(items[0].binary!.data.data, 'base64').toString()).toBe('GIF89a');
		expect(seen).toHaveLength(2);
		for (const headers of seen) expect(Object.keys(headers).filter((h) => /authorization|harvest-account-id/i.test(h))).toEqual([]);
	});

	it('reports a client link Harvest does not know with its status, and never prints the whole client key', async () => {
		nock(API).get('/v2/company').reply(200, { base_uri: WEB });
		nock(API).get('/v2/invoices/5').reply(200, { id: 5, number: '1001', client_key: KEY });
		nock(WEB).get(`/client/invoices/${KEY}.pdf`).reply(404, '<html>Not found</html>', { 'Content-Type': 'text/html' });
		const { error } = await refusal(invoicePdf(5));
		expect(error.message).toBe('Harvest answered HTTP 404, text/html for the PDF of invoice 1001');
		expect(String(error.description)).toContain(`${WEB}/client/invoices/9e97….pdf`);
		expect(JSON.stringify(error)).not.toContain(KEY);
	});

	it('takes a web page instead of the PDF as a refusal (Harvest asking to sign in), not as the file', async () => {
		nock(API).get('/v2/company').reply(200, { base_uri: WEB });
		nock(API).get('/v2/estimates/6').reply(200, { id: 6, number: '', client_key: KEY });
		nock(WEB).get(`/client/estimates/${KEY}.pdf`).reply(200, '<html>Sign in</html>', { 'Content-Type': 'text/html; charset=utf-8' });
		const { error } = await refusal({ resource: 'estimate', operation: 'downloadPdf', estimateId: byId(6), binaryPropertyName: 'data' });
		expect(error.message).toBe('Harvest did not hand out the PDF of estimate 6 without signing in (HTTP 200, text/html)');
	});

	it('refuses a web address that is not an https Harvest address, and sends nothing there', async () => {
		nock(API).get('/v2/company').reply(200, { base_uri: 'https://acme.example.com' });
		nock(API).get('/v2/invoices/5').reply(200, { id: 5, number: '1001', client_key: KEY });
		const elsewhere = nock('https://acme.example.com').get(/.*/).reply(200, PDF);
		const { error } = await refusal(invoicePdf(5));
		expect(error.message).toBe('Harvest gave no usable web address for the account ("https://acme.example.com")');
		expect(elsewhere.isDone()).toBe(false);
	});

	it('fails clearly when a document comes without a client key', async () => {
		nock(API).get('/v2/company').reply(200, { base_uri: WEB });
		nock(API).get('/v2/invoices/5').reply(200, { id: 5, number: '1001' });
		const { error } = await refusal(invoicePdf(5));
		expect(error.message).toBe('The invoice 1001 has no client key, so it has no PDF link [item 0]');
	});
});
