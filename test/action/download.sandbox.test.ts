/**
 * Downloads to binary against the sandbox: an invoice's and an estimate's PDF from their client links and an
 * expense's receipt, each as the record's JSON with the file beside it (name, MIME type, bytes), paired with
 * its input item; the token never goes to the file addresses; clear errors for a missing receipt and a bad
 * output field (what Harvest's own hosts answer is in download.unit.test.ts).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { byId, useActionSandbox } from './support';

const env = useActionSandbox();

/** Client-link and receipt requests the sandbox logged since the test began, with whether a credential came along. */
const fileRequests = () =>
	env.sandbox.log
		.entries()
		.filter((e) => e.credentials !== undefined)
		.map((e) => ({ path: e.path.replace(/[0-9a-f]{40}/, '{key}'), status: e.status, credentials: e.credentials }));

const pdfText = (item: INodeExecutionData, field = 'data') => Buffer.from(item.binary![field].data, 'base64').toString('latin1');

describe('downloads (sandbox)', () => {
	it('invoice › Download PDF: the invoice as JSON, a real PDF with its number as binary, no token sent to the client link', async () => {
		const invoice = env.store().invoices.all().find((i) => i.number && i.line_items.length)!;
		const { items } = await env.run({ resource: 'invoice', operation: 'downloadPdf', invoiceId: byId(invoice.id), binaryPropertyName: 'data' });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: invoice.id, number: invoice.number, client_key: invoice.client_key });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].binary!.data).toMatchObject({ mimeType: 'application/pdf', fileName: `invoice-${invoice.number}.pdf` });
		const pdf = pdfText(items[0]);
		expect(pdf.startsWith('%PDF-1.4')).toBe(true);
		expect(pdf).toContain(`(Invoice ${invoice.number}) Tj`);
		expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
		expect(env.received()).toEqual([`GET /v2/invoices/${invoice.id}`, `GET /client/invoices/${invoice.client_key}.pdf`]);
		expect(fileRequests()).toEqual([{ path: '/client/invoices/{key}.pdf', status: 200, credentials: false }]);
	});

	it('estimate › Download PDF, into a binary field of the user’s choosing, for every input item', async () => {
		const [first, second] = env.store().estimates.all();
		const { items } = await env.run((i) => ({ resource: 'estimate', operation: 'downloadPdf', estimateId: byId([first, second][i].id), binaryPropertyName: 'estimatePdf' }), {
			items: [{ json: {} }, { json: {} }],
		});
		expect(items.map((item) => [item.json.id, item.pairedItem, Object.keys(item.binary ?? {})])).toEqual([
			[first.id, { item: 0 }, ['estimatePdf']],
			[second.id, { item: 1 }, ['estimatePdf']],
		]);
		expect(pdfText(items[1], 'estimatePdf')).toContain(`(Estimate ${second.number || second.id}) Tj`);
		expect(items[1].binary!.estimatePdf.fileName).toBe(`estimate-${second.number || second.id}.pdf`);
		expect(fileRequests().map((r) => r.credentials)).toEqual([false, false]);
	});

	it('expense › Download Receipt: the stored receipt byte for byte, with its file name and type', async () => {
		const expense = env.store().expenses.all().find((e) => e.receipt)!;
		const { items } = await env.run({ resource: 'expense', operation: 'downloadReceipt', expenseId: byId(expense.id), binaryPropertyName: 'receipt' });
		expect(items[0].json).toMatchObject({ id: expense.id, receipt: { file_name: expense.receipt!.file_name } });
		expect(items[0].binary!.receipt).toMatchObject({ mimeType: 'image/gif', fileName: expense.receipt!.file_name });
		expect(Buffer.from(items[0].binary!.receipt.data, 'base64')).toEqual(expense.receipt!.data);
		expect(fileRequests()).toEqual([{ path: `/expenses/${expense.id}/receipt`, status: 200, credentials: false }]);
	});

	it('expense › Download Receipt of a PDF receipt uploaded through the node', async () => {
		const store = env.store();
		const projectId = store.userAssignments.all().find((ua) => ua.user_id === store.meId && ua.is_active && store.projects.get(ua.project_id)?.is_active)!.project_id;
		const categoryId = store.expenseCategories.all().find((c) => c.is_active && c.unit_price === null)!.id;
		const pdf = Buffer.from('%PDF-1.4\n% taxi receipt 42.00 EUR\n%%EOF\n');
		const created = await env.one(
			{
				resource: 'expense', operation: 'create', projectId: byId(projectId), expenseCategoryId: byId(categoryId), spentDate: '2025-04-02T00:00:00',
				attachReceipt: true, binaryPropertyName: 'data', additionalFields: { total_cost: 42 },
			},
			[{ json: {}, binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'taxi.pdf' } } }],
		);
		const { items } = await env.run({ resource: 'expense', operation: 'downloadReceipt', expenseId: byId(created.id as number), binaryPropertyName: 'data' });
		expect(items[0].binary!.data).toMatchObject({ mimeType: 'application/pdf', fileName: 'taxi.pdf' });
		expect(Buffer.from(items[0].binary!.data.data, 'base64')).toEqual(pdf);
		await env.run({ resource: 'expense', operation: 'delete', expenseId: byId(created.id as number) });
	});

	it('an expense without a receipt fails naming the expense and the item; with Continue On Fail the other items go on', async () => {
		const expenses = env.store().expenses.all();
		const without = expenses.find((e) => !e.receipt)!;
		const withReceipt = expenses.find((e) => e.receipt)!;
		const { error } = await env.refusal({ resource: 'expense', operation: 'downloadReceipt', expenseId: byId(without.id), binaryPropertyName: 'data' });
		expect(error.message).toBe(`Expense ${without.id} has no receipt [item 0]`);
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(fileRequests()).toEqual([]);

		const ids = [without.id, withReceipt.id];
		const { items } = await env.run((i) => ({ resource: 'expense', operation: 'downloadReceipt', expenseId: byId(ids[i]), binaryPropertyName: 'data' }), {
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(items.map((item) => [item.pairedItem, (item.json as IDataObject).error ?? item.json.id, !!item.binary])).toEqual([
			[{ item: 0 }, `Expense ${without.id} has no receipt [item 0]`, false],
			[{ item: 1 }, withReceipt.id, true],
		]);
	});

	it('refuses an output field name with spaces or dots before sending anything', async () => {
		const invoice = env.store().invoices.all()[0];
		for (const binaryPropertyName of ['my pdf', 'a.b', '']) {
			const { error, sent } = await env.refusal({ resource: 'invoice', operation: 'downloadPdf', invoiceId: byId(invoice.id), binaryPropertyName });
			expect(error.message).toMatch(/^The parameter "Put Output File in Field" (is required|must be a plain field name.*) \[item 0\]$/);
			expect(sent).toEqual([]);
		}
	});
});
