/**
 * The files the sandbox hands out: PDFs whose cross-reference table points at every object and whose stream
 * lengths are right (n8n's PDF reader opens them in the e2e tier), GIF receipts that are real images of the
 * recorded size, and the documents' client links, which need no token.
 */
import { gifOfSize, pdfDocument } from '../files';
import { startSandbox, type Sandbox } from '../index';

/** Checks the PDF's structure the way a reader finds its objects; returns its text operands. */
function readPdf(pdf: Buffer): string[] {
	const text = pdf.toString('latin1');
	expect(text.startsWith('%PDF-1.4\n')).toBe(true);
	expect(text.endsWith('%%EOF\n')).toBe(true);
	const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
	expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
	const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref))!;
	expect(Number(first)).toBe(0);
	const entries = text.slice(startxref).split('\n').slice(2, 2 + Number(count));
	entries.slice(1).forEach((entry, i) => {
		const offset = Number(entry.slice(0, 10));
		expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
	});
	const stream = /<< \/Length (\d+) >>\nstream\n/.exec(text)!;
	const start = stream.index + stream[0].length;
	expect(text.slice(start + Number(stream[1]), start + Number(stream[1]) + '\nendstream'.length)).toBe('\nendstream');
	return [...text.slice(start, start + Number(stream[1])).matchAll(/\((.*)\) Tj/g)].map((m) => m[1]);
}

/** Walks a GIF's blocks up to its trailer: every block where a decoder expects it. */
function gifBlocks(gif: Buffer): string[] {
	expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
	const hasPalette = (gif[10] & 0x80) !== 0;
	let at = 13 + (hasPalette ? 3 * 2 ** ((gif[10] & 7) + 1) : 0);
	const blocks: string[] = [];
	const skipSubBlocks = () => {
		while (gif[at] !== 0) at += gif[at] + 1;
		at++;
	};
	for (;;) {
		if (gif[at] === 0x3b) return [...blocks, 'trailer'];
		if (gif[at] === 0x21) {
			blocks.push(gif[at + 1] === 0xfe ? 'comment' : 'extension');
			at += 2;
			skipSubBlocks();
		} else if (gif[at] === 0x2c) {
			blocks.push('image');
			at += 10 + 1; // descriptor, then the LZW minimum code size
			skipSubBlocks();
		} else {
			throw new Error(`unexpected GIF byte ${gif[at]} at ${at}`);
		}
		expect(at).toBeLessThan(gif.length);
	}
}

describe('sandbox files', () => {
	it('writes PDFs a reader can walk, with the text escaped', () => {
		const lines = readPdf(pdfDocument('Invoice 1001', ['Client: Acme (Europe)', 'Amount: 10.00 EUR', 'Ümlaut \\ back']));
		expect(lines).toEqual(['Invoice 1001', 'Client: Acme \\(Europe\\)', 'Amount: 10.00 EUR', '?mlaut \\\\ back']);
	});

	it('writes GIFs of any size from 42 bytes that are one image', () => {
		for (const size of [42, 43, 44, 300, 298, 299, 300, 555, 1024]) {
			const gif = gifOfSize(size);
			expect(gif.length).toBe(size);
			expect(gifBlocks(gif).filter((b) => b !== 'comment')).toEqual(['image', 'trailer']);
		}
	});
});

describe('sandbox client links and receipts', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ records: 200 });
	});
	afterAll(async () => await sandbox.close());
	const origin = () => new URL(sandbox.url).origin;

	it('serves an invoice’s and an estimate’s PDF at /client/…/{client_key}.pdf without a token', async () => {
		const store = sandbox.store.account();
		const invoice = store.invoices.all().find((i) => i.number && i.line_items.length)!;
		const response = await fetch(`${origin()}/client/invoices/${invoice.client_key}.pdf`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		const text = readPdf(Buffer.from(await response.arrayBuffer()));
		expect(text[0]).toBe(`Invoice ${invoice.number}`);
		expect(text.some((line) => line.startsWith('Amount due: '))).toBe(true);
		const estimate = store.estimates.all()[0];
		const estimatePdf = await fetch(`${origin()}/client/estimates/${estimate.client_key}.pdf`);
		expect(readPdf(Buffer.from(await estimatePdf.arrayBuffer()))[0]).toBe(`Estimate ${estimate.number || estimate.id}`);
		const entries = sandbox.log.entries().filter((e) => e.path.startsWith('/client/'));
		expect(entries.map((e) => [e.status, e.credentials])).toEqual([
			[200, false],
			[200, false],
		]);
	});

	it('answers 404 for a key no document has, and logs a request that carried a token', async () => {
		const response = await fetch(`${origin()}/client/invoices/${'0'.repeat(40)}.pdf`, { headers: { Authorization: 'Bearer x' } });
		expect(response.status).toBe(404);
		expect(sandbox.log.entries().at(-1)).toMatchObject({ status: 404, credentials: true });
	});

	it('seeds receipts that are real GIFs of their recorded size', async () => {
		const expenses = sandbox.store.account().expenses.all().filter((e) => e.receipt);
		expect(expenses.length).toBeGreaterThan(0);
		for (const expense of expenses) {
			expect(expense.receipt!.data.length).toBe(expense.receipt!.file_size);
			expect(gifBlocks(expense.receipt!.data).at(-1)).toBe('trailer');
		}
	});
});
