import { startSandbox, type Sandbox } from '../index';
import { api, multipart, request, UA } from './helpers';

let sb: Sandbox;
let base: { project_id: number; user_id: number; expense_category_id: number };

beforeAll(async () => {
	sb = await startSandbox({ seed: 61, records: 200, rateLimits: false });
	const e = sb.mutate({ resource: 'expenses', action: 'create' });
	base = { project_id: (e.project as any).id, user_id: (e.user as any).id, expense_category_id: (e.expense_category as any).id };
});
afterAll(() => sb.close());

function send(method: string, path: string, body: { body: Buffer; contentType: string }) {
	return request(`${sb.url}${path}`, {
		method,
		headers: { 'User-Agent': UA, Authorization: `Bearer ${sb.token}`, 'Harvest-Account-Id': sb.accountId, 'Content-Type': body.contentType },
		body: body.body,
	});
}

const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(500, 7)]);

test('multipart create stores the receipt; the URL serves the same bytes', async () => {
	const form = multipart(
		{ project_id: String(base.project_id), user_id: String(base.user_id), expense_category_id: String(base.expense_category_id), spent_date: '2024-04-02', total_cost: '33.35', notes: 'Lunch with client', billable: 'true' },
		{ field: 'receipt', name: 'lunch_receipt.gif', type: 'image/gif', data: GIF },
	);
	const res = await send('POST', '/expenses', form);
	expect(res.status).toBe(201);
	expect(res.json).toMatchObject({ total_cost: 33.35, notes: 'Lunch with client', billable: true, spent_date: '2024-04-02' });
	expect(res.json.receipt).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//), file_name: 'lunch_receipt.gif', file_size: GIF.length, content_type: 'image/gif' });
	const download = await request(res.json.receipt.url);
	expect(download.status).toBe(200);
	expect(download.headers['content-type']).toBe('image/gif');
	expect(Buffer.compare(download.raw, GIF)).toBe(0);
});

test('multipart PATCH replaces the receipt; delete_receipt=true removes it', async () => {
	const created = await api(sb, 'POST', '/expenses', { json: { ...base, spent_date: '2024-04-03', total_cost: 10 } });
	expect(created.json.receipt).toBeNull();
	const pdf = Buffer.from('%PDF-1.4 sandbox');
	const replaced = await send('PATCH', `/expenses/${created.json.id}`, multipart({ notes: 'with receipt' }, { field: 'receipt', name: 'taxi.pdf', type: 'application/pdf', data: pdf }));
	expect(replaced.status).toBe(200);
	expect(replaced.json.receipt).toMatchObject({ file_name: 'taxi.pdf', file_size: pdf.length, content_type: 'application/pdf' });
	expect(replaced.json.notes).toBe('with receipt');
	const removed = await send('PATCH', `/expenses/${created.json.id}`, multipart({ delete_receipt: 'true' }));
	expect(removed.json.receipt).toBeNull();
	expect((await request(replaced.json.receipt.url)).status).toBe(404);
});

test('a receipt sent as JSON (not a file) is refused', async () => {
	const res = await api(sb, 'POST', '/expenses', { json: { ...base, spent_date: '2024-04-03', total_cost: 10, receipt: 'receipt.gif' } });
	expect(res.status).toBe(422);
	expect(res.json.message).toMatch(/multipart/);
});

test('unit-priced categories compute total_cost from units; others need total_cost', async () => {
	const mileage = sb.store.account().expenseCategories.find((c) => c.unit_price !== null) as { id: number; unit_price: number };
	const res = await api(sb, 'POST', '/expenses', { json: { ...base, expense_category_id: mileage.id, spent_date: '2024-04-04', units: 100 } });
	expect(res.status).toBe(201);
	expect(res.json.total_cost).toBe(Math.round(100 * mileage.unit_price * 100) / 100);
	expect(res.json.expense_category).toMatchObject({ id: mileage.id, unit_price: mileage.unit_price, unit_name: 'mile' });
	const missing = await api(sb, 'POST', '/expenses', { json: { ...base, spent_date: '2024-04-04' } });
	expect(missing.status).toBe(422);
	expect(missing.json.message).toMatch(/Total cost/);
});

test('on a locked (invoiced) expense, project and category changes are silently dropped', async () => {
	const store = sb.store.account();
	const locked = store.expenses.find((e) => e.invoice_id !== null) as NonNullable<ReturnType<typeof store.expenses.get>>;
	const otherCategory = store.expenseCategories.find((c) => c.id !== locked.expense_category_id && c.is_active) as { id: number };
	const res = await api(sb, 'PATCH', `/expenses/${locked.id}`, { json: { expense_category_id: otherCategory.id, notes: 'kept' } });
	expect(res.status).toBe(200);
	expect(res.json).toMatchObject({ is_locked: true, notes: 'kept', expense_category: { id: locked.expense_category_id } });
});
