import { startSandbox, type Sandbox } from '../index';
import { api } from './helpers';

let sb: Sandbox;
let clientId: number;
let projectId: number;
/** A billable task on the project, so that tracked time on it can be invoiced. */
let task: number;

beforeAll(async () => {
	sb = await startSandbox({ seed: 51, records: 300, rateLimits: false });
	clientId = sb.mutate({ resource: 'clients', action: 'create', fields: { name: 'Invoice Client', currency: 'EUR' } }).id as number;
	projectId = sb.mutate({ resource: 'projects', action: 'create', fields: { client_id: clientId, name: 'Billed Work', code: 'BW', bill_by: 'Project', hourly_rate: 100 } }).id as number;
	task = (sb.store.account().taskAssignments.find((ta) => ta.project_id === projectId && ta.billable && ta.is_active) as { task_id: number }).task_id;
});
afterAll(() => sb.close());

async function newInvoice(extra: Record<string, unknown> = {}) {
	const res = await api(sb, 'POST', '/invoices', {
		json: { client_id: clientId, tax: 5, tax2: 2, discount: 10, line_items: [{ kind: 'Service', description: 'Design', quantity: 10, unit_price: 100, taxed: true, taxed2: true }], ...extra },
	});
	expect(res.status).toBe(201);
	return res.json;
}

describe('invoice line items and amounts', () => {
	test('amounts are computed from lines, discount and taxes; currency and number default', async () => {
		const inv = await newInvoice();
		// 10 × 100 = 1000; 10 % discount → 900; 5 % and 2 % taxes on the discounted taxed lines.
		expect(inv).toMatchObject({ amount: 963, discount_amount: 100, tax_amount: 45, tax2_amount: 18, due_amount: 963, currency: 'EUR', state: 'draft', payment_term: 'custom' });
		expect(Number(inv.number)).toBeGreaterThan(0);
	});

	test('PATCH line_items: add without id, update with id, delete with _destroy', async () => {
		const inv = await api(sb, 'POST', '/invoices', { json: { client_id: clientId, line_items: [{ kind: 'Service', unit_price: 100, quantity: 2 }, { kind: 'Product', unit_price: 30 }] } });
		const [first, second] = inv.json.line_items;
		const res = await api(sb, 'PATCH', `/invoices/${inv.json.id}`, {
			json: { line_items: [{ id: first.id, quantity: 5 }, { id: second.id, _destroy: true }, { kind: 'Travel', description: 'Train', unit_price: 42.5 }] },
		});
		expect(res.status).toBe(200);
		expect(res.json.line_items.map((li: any) => [li.id === first.id, li.kind, li.quantity, li.amount])).toEqual([
			[true, 'Service', 5, 500],
			[false, 'Travel', 1, 42.5],
		]);
		expect(res.json.amount).toBe(542.5);
		expect((await api(sb, 'PATCH', `/invoices/${inv.json.id}`, { json: { line_items: [{ id: 1, _destroy: true }] } })).status).toBe(422);
		expect((await api(sb, 'PATCH', `/invoices/${inv.json.id}`, { json: { line_items: [{ kind: 'Service' }] } })).json.message).toMatch(/unit price/);
		expect((await api(sb, 'PATCH', `/invoices/${inv.json.id}`, { json: { line_items: [{ kind: 'Nonsense', unit_price: 1 }] } })).status).toBe(422);
	});

	test('payment terms compute the due date; a custom due date needs payment_term custom', async () => {
		const net = await newInvoice({ issue_date: '2024-01-10', payment_term: 'net 30', due_date: '2024-05-05' });
		expect(net.due_date).toBe('2024-02-09');
		const custom = await newInvoice({ issue_date: '2024-01-10', payment_term: 'custom', due_date: '2024-05-05' });
		expect(custom.due_date).toBe('2024-05-05');
	});
});

describe('invoice from tracked time and expenses (line_items_import)', () => {
	test('bills the uninvoiced billable time of the projects, locks it, and releases it again', async () => {
		const store = sb.store.account();
		const e1 = sb.mutate({ resource: 'time_entries', action: 'create', fields: { project_id: projectId, task_id: task, hours: 2, spent_date: '2024-02-01' } });
		const e2 = sb.mutate({ resource: 'time_entries', action: 'create', fields: { project_id: projectId, task_id: task, hours: 1.5, spent_date: '2024-02-10' } });
		const late = sb.mutate({ resource: 'time_entries', action: 'create', fields: { project_id: projectId, task_id: task, hours: 4, spent_date: '2024-04-01' } });
		const exp = sb.mutate({ resource: 'expenses', action: 'create', fields: { project_id: projectId, total_cost: 80, spent_date: '2024-02-05' } });
		const billable = [e1, e2].filter((e) => e.billable);
		expect(billable).toHaveLength(2);
		const res = await api(sb, 'POST', '/invoices', {
			json: {
				client_id: clientId,
				line_items_import: {
					project_ids: [projectId],
					time: { summary_type: 'project', from: '2024-02-01', to: '2024-02-29' },
					expenses: { summary_type: 'category', from: '2024-02-01', to: '2024-02-29' },
				},
			},
		});
		expect(res.status).toBe(201);
		const inv = res.json;
		expect(inv).toMatchObject({ period_start: '2024-02-01', period_end: '2024-02-29' });
		const service = inv.line_items.find((li: any) => li.kind === 'Service');
		expect(service).toMatchObject({ quantity: 3.5, unit_price: 100, amount: 350, project: { id: projectId, name: 'Billed Work', code: 'BW' } });
		const product = inv.line_items.find((li: any) => li.kind === 'Product');
		expect(product).toMatchObject({ quantity: 1, unit_price: 80 });
		for (const e of [e1, e2]) {
			const got = (await api(sb, 'GET', `/time_entries/${e.id}`)).json;
			expect(got).toMatchObject({ is_billed: true, is_locked: true, invoice: { id: inv.id, number: inv.number } });
		}
		expect((await api(sb, 'GET', `/time_entries/${late.id}`)).json.is_billed).toBe(false);
		expect((await api(sb, 'GET', `/expenses/${exp.id}`)).json.invoice).toEqual({ id: inv.id, number: inv.number });
		// A second import finds nothing left to bill in that period.
		const again = await api(sb, 'POST', '/invoices', { json: { client_id: clientId, line_items_import: { project_ids: [projectId], time: { summary_type: 'task', from: '2024-02-01', to: '2024-02-29' } } } });
		expect(again.json.line_items).toEqual([]);
		// Removing the line releases the time; deleting the invoice releases the expense.
		await api(sb, 'PATCH', `/invoices/${inv.id}`, { json: { line_items: [{ id: service.id, _destroy: true }] } });
		expect((await api(sb, 'GET', `/time_entries/${e1.id}`)).json.is_billed).toBe(false);
		await api(sb, 'DELETE', `/invoices/${inv.id}`);
		expect(store.expenses.get(exp.id as number)?.invoice_id).toBeNull();
	});

	test('summary types: people makes one line per person, detailed one per entry', async () => {
		const store = sb.store.account();
		const users = store.userAssignments.filter((ua) => ua.project_id === projectId).map((ua) => ua.user_id);
		for (const [i, user] of users.slice(0, 2).entries()) {
			sb.mutate({ resource: 'time_entries', action: 'create', fields: { project_id: projectId, task_id: task, user_id: user, hours: 1 + i, spent_date: '2023-06-01' } });
			sb.mutate({ resource: 'time_entries', action: 'create', fields: { project_id: projectId, task_id: task, user_id: user, hours: 1, spent_date: '2023-06-02' } });
		}
		const people = await api(sb, 'POST', '/invoices', { json: { client_id: clientId, line_items_import: { project_ids: [projectId], time: { summary_type: 'people', from: '2023-06-01', to: '2023-06-01' } } } });
		expect(people.json.line_items).toHaveLength(Math.min(2, users.length));
		const detailed = await api(sb, 'POST', '/invoices', { json: { client_id: clientId, line_items_import: { project_ids: [projectId], time: { summary_type: 'detailed', from: '2023-06-02', to: '2023-06-02' } } } });
		expect(detailed.json.line_items).toHaveLength(Math.min(2, users.length));
		const badType = await api(sb, 'POST', '/invoices', { json: { client_id: clientId, line_items_import: { project_ids: [projectId], time: { summary_type: 'weekly' } } } });
		expect(badType.status).toBe(422);
		const foreign = sb.store.account().projects.find((p) => p.client_id !== clientId) as { id: number };
		const wrongClient = await api(sb, 'POST', '/invoices', { json: { client_id: clientId, line_items_import: { project_ids: [foreign.id], time: { summary_type: 'project' } } } });
		expect(wrongClient.status).toBe(422);
	});
});

describe('invoice messages and state', () => {
	test('event_type drives draft → open → closed → open → draft; wrong transitions are 422', async () => {
		const inv = await newInvoice();
		const event = (event_type: string) => api(sb, 'POST', `/invoices/${inv.id}/messages`, { json: { event_type } });
		expect((await event('close')).status).toBe(422);
		const sent = await event('send');
		expect(sent.status).toBe(201);
		expect(sent.json).toMatchObject({ event_type: 'send', recipients: [] });
		let now = (await api(sb, 'GET', `/invoices/${inv.id}`)).json;
		expect(now.state).toBe('open');
		expect(now.sent_at).not.toBeNull();
		expect((await event('send')).status).toBe(422);
		expect((await event('close')).status).toBe(201);
		now = (await api(sb, 'GET', `/invoices/${inv.id}`)).json;
		expect(now).toMatchObject({ state: 'closed', closed_at: expect.any(String) });
		expect((await event('re-open')).status).toBe(201);
		expect((await api(sb, 'GET', `/invoices/${inv.id}`)).json).toMatchObject({ state: 'open', closed_at: null });
		expect((await event('draft')).status).toBe(201);
		expect((await api(sb, 'GET', `/invoices/${inv.id}`)).json).toMatchObject({ state: 'draft', sent_at: null });
		expect((await event('archive')).status).toBe(422);
		const list = await api(sb, 'GET', `/invoices/${inv.id}/messages`);
		expect(list.json.invoice_messages.map((m: any) => m.event_type)).toEqual(['draft', 're-open', 'close', 'send']);
	});

	test('sending an email needs recipients (or send_me_a_copy) and opens a draft', async () => {
		const inv = await newInvoice();
		const none = await api(sb, 'POST', `/invoices/${inv.id}/messages`, { json: { subject: 'Hi' } });
		expect(none.status).toBe(422);
		const copy = await api(sb, 'POST', `/invoices/${inv.id}/messages`, { json: { send_me_a_copy: true } });
		expect(copy.status).toBe(201);
		expect(copy.json).toMatchObject({ event_type: null, send_me_a_copy: true, subject: expect.stringContaining(inv.number) });
		expect((await api(sb, 'GET', `/invoices/${inv.id}`)).json.state).toBe('open');
		const bad = await api(sb, 'POST', `/invoices/${inv.id}/messages`, { json: { recipients: [{ name: 'No mail' }] } });
		expect(bad.status).toBe(422);
	});

	test('messages/new returns the template without creating anything', async () => {
		const inv = await newInvoice();
		const before = sb.store.account().invoiceMessages.size;
		const general = await api(sb, 'GET', `/invoices/${inv.id}/messages/new`);
		expect(general.json).toEqual({ invoice_id: inv.id, subject: expect.stringContaining(`#${inv.number}`), body: expect.any(String), reminder: false, thank_you: false });
		const reminder = await api(sb, 'GET', `/invoices/${inv.id}/messages/new`, { query: { reminder: 'true' } });
		expect(reminder.json).toMatchObject({ reminder: true, thank_you: false });
		expect(reminder.json.subject).not.toBe(general.json.subject);
		const thanks = await api(sb, 'GET', `/invoices/${inv.id}/messages/new`, { query: { thank_you: 'true' } });
		expect(thanks.json).toMatchObject({ reminder: false, thank_you: true });
		expect(sb.store.account().invoiceMessages.size).toBe(before);
	});

	test('payments lower the amount due; the last one marks the invoice paid; deleting it re-opens', async () => {
		const inv = await newInvoice({ tax: null, tax2: null, discount: null });
		expect(inv.amount).toBe(1000);
		expect((await api(sb, 'POST', `/invoices/${inv.id}/payments`, { json: { amount: 10 } })).status).toBe(422); // draft
		await api(sb, 'POST', `/invoices/${inv.id}/messages`, { json: { event_type: 'send' } });
		const part = await api(sb, 'POST', `/invoices/${inv.id}/payments`, { json: { amount: 400, paid_date: '2024-05-01', notes: 'first' } });
		expect(part.status).toBe(201);
		expect(part.json).toMatchObject({ amount: 400, paid_date: '2024-05-01', paid_at: '2024-05-01T00:00:00Z', recorded_by: 'Alex Morgan', payment_gateway: { id: null, name: null } });
		expect((await api(sb, 'GET', `/invoices/${inv.id}`)).json).toMatchObject({ state: 'open', due_amount: 600 });
		expect((await api(sb, 'POST', `/invoices/${inv.id}/payments`, { json: { amount: 601 } })).status).toBe(422);
		expect((await api(sb, 'POST', `/invoices/${inv.id}/payments`, { json: { amount: 1, paid_at: '2024-05-01T10:00:00Z', paid_date: '2024-05-01' } })).status).toBe(422);
		const rest = await api(sb, 'POST', `/invoices/${inv.id}/payments`, { json: { amount: 600, paid_at: '2024-05-03T09:30:00Z' } });
		let now = (await api(sb, 'GET', `/invoices/${inv.id}`)).json;
		expect(now).toMatchObject({ state: 'paid', due_amount: 0, paid_at: '2024-05-03T09:30:00Z', paid_date: '2024-05-03' });
		const payments = await api(sb, 'GET', `/invoices/${inv.id}/payments`);
		expect(payments.json.invoice_payments.map((p: any) => p.amount)).toEqual([600, 400]);
		expect((await api(sb, 'DELETE', `/invoices/${inv.id}/payments/${rest.json.id}`)).status).toBe(200);
		now = (await api(sb, 'GET', `/invoices/${inv.id}`)).json;
		expect(now).toMatchObject({ state: 'open', due_amount: 600, paid_at: null, paid_date: null });
	});
});

describe('estimates', () => {
	test('line items with _destroy, and the send → accept/decline → re-open cycle', async () => {
		const est = await api(sb, 'POST', '/estimates', { json: { client_id: clientId, discount: 10, tax: 5, line_items: [{ kind: 'Service', quantity: 100, unit_price: 100, taxed: true }, { kind: 'Product', unit_price: 5 }] } });
		expect(est.status).toBe(201);
		expect(est.json).toMatchObject({ state: 'draft', amount: 9454.5 + 0, discount_amount: 1000.5 });
		const patched = await api(sb, 'PATCH', `/estimates/${est.json.id}`, { json: { line_items: [{ id: est.json.line_items[1].id, _destroy: true }] } });
		expect(patched.json).toMatchObject({ amount: 9450, discount_amount: 1000, tax_amount: 450, line_items: [expect.objectContaining({ kind: 'Service' })] });
		const msg = (event_type?: string) => api(sb, 'POST', `/estimates/${est.json.id}/messages`, { json: { event_type, recipients: [{ name: 'Buyer', email: 'buyer@example.com' }] } });
		expect((await msg('accept')).status).toBe(422);
		expect((await msg()).status).toBe(201);
		expect((await api(sb, 'GET', `/estimates/${est.json.id}`)).json).toMatchObject({ state: 'sent', sent_at: expect.any(String) });
		expect((await msg('accept')).status).toBe(201);
		expect((await api(sb, 'GET', `/estimates/${est.json.id}`)).json).toMatchObject({ state: 'accepted', accepted_at: expect.any(String) });
		expect((await msg('decline')).status).toBe(422);
		expect((await msg('re-open')).status).toBe(201);
		expect((await msg('decline')).status).toBe(201);
		expect((await api(sb, 'GET', `/estimates/${est.json.id}`)).json).toMatchObject({ state: 'declined', accepted_at: null, declined_at: expect.any(String) });
		const noRecipients = await api(sb, 'POST', `/estimates/${est.json.id}/messages`, { json: { subject: 'x' } });
		expect(noRecipients.status).toBe(422);
	});
});
