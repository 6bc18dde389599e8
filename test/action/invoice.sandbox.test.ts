/**
 * Invoices against the stateful sandbox: free-form round trip, invoices built from tracked time and expenses,
 * line items added / changed / removed, input checks that send nothing, Continue On Fail and pairing.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, byUrl, fromList, useActionSandbox } from './support';

const env = useActionSandbox();
const { exec, one } = env;

let clientId: number;
let projectId: number;

beforeAll(() => {
	const project = env.store().projects.all().find((p) => p.is_active)!;
	({ client_id: clientId, id: projectId } = project);
});

const lines = (value: unknown) => value as IDataObject[];

/** A free-form draft invoice with one 100.00 Service line. */
async function draftInvoice(extra: IDataObject = {}): Promise<IDataObject> {
	return await one({
		resource: 'invoice',
		operation: 'create',
		clientId: byId(clientId),
		lineItems: { item: [{ kind: 'Service', description: 'Design', quantity: 1, unit_price: 100 }] },
		additionalFields: extra,
	});
}

describe('invoice', () => {
	it('round-trips create → get → update → list → delete', async () => {
		const created = await one({
			resource: 'invoice',
			operation: 'create',
			clientId: fromList(clientId),
			lineItems: {
				item: [
					{ kind: 'Service', description: 'Design', quantity: 10, unit_price: 100, taxed: true },
					{ kind: 'Product', description: 'Hosting', quantity: 1, unit_price: 50, project_id: byId(projectId) },
				],
			},
			additionalFields: {
				subject: 'March work',
				purchase_order: 'PO-1',
				tax: 10,
				issue_date: '2025-03-01T00:00:00',
				payment_term: 'net 30',
				notes: 'Thank you',
			},
		});
		expect(created).toMatchObject({
			state: 'draft',
			subject: 'March work',
			purchase_order: 'PO-1',
			amount: 1150,
			issue_date: '2025-03-01',
			due_date: '2025-03-31',
			client: { id: clientId },
		});
		expect(lines(created.line_items).map((l) => [l.kind, l.amount])).toEqual([
			['Service', 1000],
			['Product', 50],
		]);
		expect(lines(created.line_items)[1].project).toMatchObject({ id: projectId });
		const id = created.id as number;

		const url = `https://sandbox-agency.harvestapp.com/invoices/${id}`;
		expect(await one({ resource: 'invoice', operation: 'get', invoiceId: byUrl(url) })).toMatchObject({ id, number: created.number });

		const updated = await one({
			resource: 'invoice',
			operation: 'update',
			invoiceId: byId(id),
			updateFields: { subject: 'March and April', payment_term: 'custom', due_date: '2025-04-15' },
		});
		expect(updated).toMatchObject({ subject: 'March and April', payment_term: 'custom', due_date: '2025-04-15' });

		const drafts = await exec({ resource: 'invoice', operation: 'getAll', returnAll: true, filters: { client_id: byId(clientId), state: 'draft' } });
		expect(drafts.map((i) => i.id)).toContain(id);
		expect(drafts.every((i) => i.state === 'draft' && (i.client as IDataObject).id === clientId)).toBe(true);
		const paid = await exec({ resource: 'invoice', operation: 'getAll', returnAll: true, filters: { state: 'paid', from: '2025-03-01', to: '2025-03-31' } });
		expect(paid.map((i) => i.id)).not.toContain(id);

		expect(await exec({ resource: 'invoice', operation: 'delete', invoiceId: byId(id) })).toEqual([{ deleted: true }]);
		expect(env.store().invoices.get(id)).toBeUndefined();
	});

	it('lists with Limit in one request and one item per invoice', async () => {
		const invoices = await exec({ resource: 'invoice', operation: 'getAll', returnAll: false, limit: 3, filters: {} });
		expect(invoices).toHaveLength(3);
		expect(env.received()).toEqual(['GET /v2/invoices']);
	});

	it('creates an invoice from tracked time and expenses: the lines are the projects’ uninvoiced records', async () => {
		const store = env.store();
		const open = (e: { invoice_id: number | null; billable: boolean; project_id: number }) => e.invoice_id === null && e.billable;
		const hasOpenEntries = (p: { id: number; is_active: boolean; is_billable: boolean }) =>
			p.is_active && p.is_billable && store.timeEntries.some((e) => open(e) && e.project_id === p.id && e.timer_started_at === null);
		const hasOpenExpenses = (p: { id: number }) => store.expenses.some((e) => open(e) && e.project_id === p.id);
		// The seed ends at today's date, so which projects have both kinds of unbilled work varies by day:
		// give the first candidate a billable expense when no project has both.
		let project = store.projects.all().find((p) => hasOpenEntries(p) && hasOpenExpenses(p));
		if (!project) {
			project = store.projects.all().find((p) => hasOpenEntries(p) && store.userAssignments.some((ua) => ua.project_id === p.id && ua.is_active))!;
			env.sandbox.mutate({ resource: 'expenses', action: 'create', fields: { project_id: project.id, billable: true } });
		}
		const entries = store.timeEntries.filter((e) => open(e) && e.project_id === project.id && e.timer_started_at === null);
		const expenses = store.expenses.filter((e) => open(e) && e.project_id === project.id);
		expect([entries.length > 0, expenses.length > 0]).toEqual([true, true]);

		const { items, ctx } = await env.run(
			{
				resource: 'invoice',
				operation: 'createFromTrackedTime',
				clientId: byId(project.client_id),
				projectIds: [project.id],
				importTime: true,
				timeSummaryType: 'detailed',
				timeFrom: '',
				timeTo: '',
				importExpenses: true,
				expenseSummaryType: 'detailed',
				expensesFrom: '',
				expensesTo: '',
				attachReceipts: false,
				additionalFields: { subject: 'Unbilled work', payment_term: 'net 15' },
			},
		);
		expect(ctx.sent[0].body).toEqual({
			client_id: project.client_id,
			subject: 'Unbilled work',
			payment_term: 'net 15',
			line_items_import: {
				project_ids: [project.id],
				time: { summary_type: 'detailed' },
				expenses: { summary_type: 'detailed', attach_receipt: false },
			},
		});
		const invoice = items[0].json;
		const created = lines(invoice.line_items);
		// Detailed: one line per time entry and per expense, each for the tracked hours or the spent amount.
		expect(created).toHaveLength(entries.length + expenses.length);
		const hours = created.filter((l) => l.kind === 'Service').map((l) => l.quantity);
		expect(hours.sort()).toEqual(entries.map((e) => e.hours_without_timer).sort());
		expect(created.every((l) => (l.project as IDataObject).id === project.id)).toBe(true);
		for (const entry of entries) expect(store.timeEntries.get(entry.id)?.invoice_id).toBe(invoice.id);
		for (const expense of expenses) expect(store.expenses.get(expense.id)?.invoice_id).toBe(invoice.id);
	});

	it('imports only the chosen period, summarised per project', async () => {
		const store = env.store();
		const candidates = store.timeEntries.filter((e) => e.invoice_id === null && e.billable && e.timer_started_at === null);
		const pick = candidates[0];
		const project = store.projects.get(pick.project_id)!;
		const inPeriod = candidates.filter((e) => e.project_id === project.id && e.spent_date === pick.spent_date);
		const invoice = await one({
			resource: 'invoice',
			operation: 'createFromTrackedTime',
			clientId: byId(project.client_id),
			projectIds: [String(project.id)],
			importTime: true,
			timeSummaryType: 'project',
			timeFrom: `${pick.spent_date}T00:00:00`,
			timeTo: pick.spent_date,
			importExpenses: false,
			additionalFields: {},
		});
		const total = lines(invoice.line_items).reduce((sum, l) => sum + Number(l.quantity), 0);
		expect(total).toBeCloseTo(inPeriod.reduce((sum, e) => sum + (e.hours_without_timer ?? 0), 0), 2);
		expect(invoice).toMatchObject({ period_start: pick.spent_date, period_end: pick.spent_date });
	});

	it('adds, updates and removes a line item', async () => {
		const invoice = await draftInvoice();
		const id = invoice.id as number;
		const added = await one({
			resource: 'invoice',
			operation: 'addLineItem',
			invoiceId: byId(id),
			kind: 'Product',
			unitPrice: 25,
			additionalFields: { description: 'Stock photos', quantity: 4, taxed2: true },
		});
		expect(lines(added.line_items)).toHaveLength(2);
		const line = lines(added.line_items)[1];
		expect(line).toMatchObject({ kind: 'Product', description: 'Stock photos', quantity: 4, unit_price: 25, amount: 100, taxed2: true });

		const updated = await one({
			resource: 'invoice',
			operation: 'updateLineItem',
			invoiceId: byId(id),
			lineItemId: String(line.id),
			updateFields: { quantity: 2, description: 'Licensed photos' },
		});
		expect(lines(updated.line_items)[1]).toMatchObject({ id: line.id, quantity: 2, description: 'Licensed photos', kind: 'Product' });
		expect(updated.amount).toBe(150);

		const { items, ctx } = await env.run(
			{ resource: 'invoice', operation: 'removeLineItem', invoiceId: byId(id), lineItemId: String(line.id) },
		);
		expect(ctx.sent.map((r) => [r.method, r.body])).toEqual([['PATCH', { line_items: [{ id: line.id, _destroy: true }] }]]);
		expect(lines(items[0].json.line_items).map((l) => l.id)).not.toContain(line.id);
		expect(env.store().invoices.get(id)!.line_items.map((l) => l.id)).not.toContain(line.id);
	});

	it('passes Harvest’s refusal of an unknown kind on as the error', async () => {
		const invoice = await draftInvoice();
		const { error } = await env.refusal(
			{ resource: 'invoice', operation: 'addLineItem', invoiceId: byId(invoice.id as number), kind: 'Unicorns', unitPrice: 1, additionalFields: {} },
		);
		expect(error.message).toMatch(/422|Unicorns/);
	});
});

describe('invoice input checks (nothing is sent)', () => {
	const create = { resource: 'invoice', operation: 'create', clientId: byId(1) };
	const fromTime = {
		resource: 'invoice',
		operation: 'createFromTrackedTime',
		clientId: byId(1),
		projectIds: [2],
		importTime: true,
		timeSummaryType: 'task',
		importExpenses: false,
		additionalFields: {},
	};
	const cases: Array<[IDataObject, string]> = [
		[{ resource: 'invoice', operation: 'get', invoiceId: byId('12x') }, 'The parameter "Invoice" must be a positive whole number, not "12x" [item 0]'],
		[{ resource: 'invoice', operation: 'delete', invoiceId: byId('-4') }, 'The parameter "Invoice" must be a positive whole number, not "-4" [item 0]'],
		[
			{ ...create, lineItems: {}, additionalFields: { payment_term: 'net 30', due_date: '2025-05-01' } },
			'The parameter "Due Date" is ignored by Harvest with Payment Term "net 30" [item 0]',
		],
		[{ ...create, lineItems: {}, additionalFields: { issue_date: '2025-02-30' } }, 'The parameter "Issue Date" must be a real date (YYYY-MM-DD), not "2025-02-30" [item 0]'],
		[{ ...create, lineItems: { item: [{ description: 'No kind', unit_price: 5 }] }, additionalFields: {} }, 'The parameter "Line Items › Kind" is required [item 0]'],
		[{ ...create, lineItems: { item: [{ kind: 'Service', unit_price: 5, quantity: 'two' }] }, additionalFields: {} }, 'The parameter "Line Items › Quantity" must be a number written in decimal digits, not "two" [item 0]'],
		[{ ...create, lineItems: {}, additionalFields: { discount: -5 } }, 'The parameter "Discount (%)" cannot be negative (-5) [item 0]'],
		[{ ...create, lineItems: {}, additionalFields: { estimate_id: byId('abc') } }, 'The parameter "Estimate" must be a positive whole number, not "abc" [item 0]'],
		[{ ...fromTime, timeFrom: '2025-03-01' }, 'The parameter "Time To" is required when "Time From" is set [item 0]'],
		[{ ...fromTime, timeFrom: '2025-03-10', timeTo: '2025-03-01' }, 'The parameter "Time To" (2025-03-01) is before "Time From" (2025-03-10) [item 0]'],
		[{ ...fromTime, timeFrom: '2025-02-29', timeTo: '2025-03-01' }, 'The parameter "Time From" must be a real date (YYYY-MM-DD), not "2025-02-29" [item 0]'],
		[{ ...fromTime, importTime: false }, 'The parameter "Import Time" or "Import Expenses" must be on [item 0]'],
		[{ ...fromTime, projectIds: [] }, 'The parameter "Project Names or IDs" needs at least one project [item 0]'],
		[{ ...fromTime, projectIds: ['x1'] }, 'The parameter "Project Names or IDs" must be a positive whole number, not "x1" [item 0]'],
		[{ resource: 'invoice', operation: 'update', invoiceId: byId(5), updateFields: {} }, 'The parameter "Update Fields" needs at least one field [item 0]'],
		[
			{ resource: 'invoice', operation: 'update', invoiceId: byId(5), updateFields: { payment_term: 'upon receipt', due_date: '2025-01-01' } },
			'The parameter "Due Date" is ignored by Harvest with Payment Term "upon receipt" [item 0]',
		],
		[{ resource: 'invoice', operation: 'addLineItem', invoiceId: byId(5), kind: '', unitPrice: 5, additionalFields: {} }, 'The parameter "Kind" is required [item 0]'],
		[{ resource: 'invoice', operation: 'updateLineItem', invoiceId: byId(5), lineItemId: '7', updateFields: {} }, 'The parameter "Update Fields" needs at least one field [item 0]'],
		[{ resource: 'invoice', operation: 'removeLineItem', invoiceId: byId(5), lineItemId: 'first' }, 'The parameter "Line Item" must be a positive whole number, not "first" [item 0]'],
	];
	it.each(cases.map(([parameters, message]) => [message, parameters] as const))('%s', async (message, parameters) => {
		const { error, sent } = await env.refusal(parameters);
		expect(error.message).toBe(message);
		expect(sent).toEqual([]);
		expect(env.received()).toEqual([]);
	});
});

describe('invoice items', () => {
	it('pairs every record with its item, and Continue On Fail reports the failed item and goes on', async () => {
		const invoice = await draftInvoice();
		const ids = [invoice.id, 'bad', 99999999];
		const { items } = await env.run((i) => ({ resource: 'invoice', operation: 'get', invoiceId: byId(String(ids[i])) }), {
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.id).toBe(invoice.id);
		expect(items[1].json.error).toBe('The parameter "Invoice" must be a positive whole number, not "bad" [item 1]');
		expect(String(items[2].json.error)).toMatch(/not found|404/i);
		expect(JSON.stringify(items)).not.toContain(env.sandbox.token);
	});

	it('spreads a list into one item per record, each paired with the item that asked', async () => {
		const { items } = await env.run({ resource: 'invoice', operation: 'getAll', returnAll: false, limit: 2, filters: {} }, {
			items: [{ json: {} }, { json: {} }],
		});
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }]);
	});

	it('stops at the failing item without Continue On Fail, naming it', async () => {
		const invoice = await draftInvoice();
		const { error } = await env.refusal((i) => ({ resource: 'invoice', operation: 'get', invoiceId: byId(i === 0 ? String(invoice.id) : '0') }), {
			items: [{ json: {} }, { json: {} }],
		});
		expect(error.message).toBe('The parameter "Invoice" must be a positive whole number, not "0" [item 1]');
		expect(error.context).toMatchObject({ itemIndex: 1 });
	});
});
