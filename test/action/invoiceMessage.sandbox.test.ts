/**
 * Invoice messages against the sandbox: the state machine driven by event-only messages, emails with
 * recipients, the subject/body template, list and delete, and input checks that send nothing.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { byId, node, useActionSandbox } from './support';

const env = useActionSandbox();
const { exec, one } = env;

async function draftInvoice(): Promise<number> {
	const clientId = env.store().clients.all().find((c) => c.is_active)!.id;
	const invoice = await one({
		resource: 'invoice',
		operation: 'create',
		clientId: byId(clientId),
		lineItems: { item: [{ kind: 'Service', description: 'Design', quantity: 2, unit_price: 100 }] },
		additionalFields: {},
	});
	return invoice.id as number;
}

const state = (id: number) => env.store().invoices.get(id)!.state;

describe('invoice messages', () => {
	it('walks draft → sent → closed → re-opened → draft with event-only messages', async () => {
		const id = await draftInvoice();
		const steps: Array<[string, string, string]> = [
			['markAsSent', 'send', 'open'],
			['close', 'close', 'closed'],
			['reopen', 're-open', 'open'],
			['markAsDraft', 'draft', 'draft'],
		];
		for (const [operation, eventType, after] of steps) {
			const { items, ctx } = await env.run({ resource: 'invoiceMessage', operation, invoiceId: byId(id) });
			expect(ctx.sent.map((r) => [r.method, r.body])).toEqual([['POST', { event_type: eventType }]]);
			expect(items[0].json).toMatchObject({ event_type: eventType, recipients: [] });
			expect([operation, state(id)]).toEqual([operation, after]);
		}
		const invoice = await one({ resource: 'invoice', operation: 'get', invoiceId: byId(id) });
		expect(invoice.state).toBe('draft');
	});

	it('passes Harvest’s refusal of an impossible step on (closing a draft)', async () => {
		const id = await draftInvoice();
		const { error } = await env.refusal({ resource: 'invoiceMessage', operation: 'close', invoiceId: byId(id) });
		expect(error.message).toMatch(/422|draft/);
		expect(state(id)).toBe('draft');
	});

	it('emails the invoice to its recipients, which opens a draft', async () => {
		const id = await draftInvoice();
		const { items, ctx } = await env.run(
			{
				resource: 'invoiceMessage',
				operation: 'send',
				invoiceId: byId(id),
				recipients: { item: [{ name: 'Richard Roe', email: 'richard@example.com' }, { email: 'ap@example.com' }] },
				additionalFields: { subject: 'Your invoice', body: 'Please pay.', attach_pdf: true, send_me_a_copy: true },
			},
		);
		expect(ctx.sent[0].body).toEqual({
			recipients: [{ name: 'Richard Roe', email: 'richard@example.com' }, { email: 'ap@example.com' }],
			subject: 'Your invoice',
			body: 'Please pay.',
			attach_pdf: true,
			send_me_a_copy: true,
		});
		expect(items[0].json).toMatchObject({
			subject: 'Your invoice',
			attach_pdf: true,
			event_type: null,
			recipients: [
				{ name: 'Richard Roe', email: 'richard@example.com' },
				{ name: null, email: 'ap@example.com' },
			],
		});
		expect(state(id)).toBe('open');
	});

	it('sends a copy to oneself alone, and a thank-you', async () => {
		const id = await draftInvoice();
		const message = await one({
			resource: 'invoiceMessage',
			operation: 'send',
			invoiceId: byId(id),
			recipients: {},
			additionalFields: { send_me_a_copy: true, thank_you: true },
		});
		expect(message).toMatchObject({ send_me_a_copy: true, thank_you: true, recipients: [] });
	});

	it('gets the invoice, reminder and thank-you templates without creating anything', async () => {
		const id = await draftInvoice();
		env.sandbox.log.clear();
		const before = env.store().invoiceMessages.all().length;
		const invoice = await one({ resource: 'invoiceMessage', operation: 'getTemplate', invoiceId: byId(id), template: 'invoice' });
		expect(invoice).toMatchObject({ invoice_id: id, reminder: false, thank_you: false });
		expect(String(invoice.subject)).toContain('Invoice #');
		const reminder = await one({ resource: 'invoiceMessage', operation: 'getTemplate', invoiceId: byId(id), template: 'reminder' });
		expect(reminder).toMatchObject({ reminder: true, thank_you: false });
		const thanks = await one({ resource: 'invoiceMessage', operation: 'getTemplate', invoiceId: byId(id), template: 'thankYou' });
		expect(thanks).toMatchObject({ reminder: false, thank_you: true });
		expect(env.sandbox.log.entries().map((e) => [e.method, e.path, e.query])).toEqual([
			['GET', `/v2/invoices/${id}/messages/new`, {}],
			['GET', `/v2/invoices/${id}/messages/new`, { reminder: 'true' }],
			['GET', `/v2/invoices/${id}/messages/new`, { thank_you: 'true' }],
		]);
		expect(env.store().invoiceMessages.all()).toHaveLength(before);
	});

	it('lists the messages of one invoice and deletes one', async () => {
		const id = await draftInvoice();
		await one({ resource: 'invoiceMessage', operation: 'markAsSent', invoiceId: byId(id) });
		await one({ resource: 'invoiceMessage', operation: 'close', invoiceId: byId(id) });
		const messages = await exec({ resource: 'invoiceMessage', operation: 'getAll', invoiceId: byId(id), returnAll: true, filters: {} });
		expect(messages.map((m) => m.event_type).sort()).toEqual(['close', 'send']);
		const since = await exec({
			resource: 'invoiceMessage',
			operation: 'getAll',
			invoiceId: byId(id),
			returnAll: false,
			limit: 1,
			filters: { updated_since: '2000-01-01T00:00:00Z' },
		});
		expect(since).toHaveLength(1);
		const messageId = messages[0].id as number;
		expect(await exec({ resource: 'invoiceMessage', operation: 'delete', invoiceId: byId(id), messageId: String(messageId) })).toEqual([
			{ deleted: true },
		]);
		expect(env.store().invoiceMessages.get(messageId)).toBeUndefined();
	});
});

describe('invoice message editor', () => {
	it('warns that the deprecated link flag, when off, removes the invoice’s payment options', () => {
		const fields = node.description.properties.find(
			(p) => p.name === 'additionalFields' && p.displayOptions?.show?.resource?.[0] === 'invoiceMessage',
		)!;
		const flag = (fields.options as INodeProperties[]).find((o) => o.name === 'include_link_to_client_invoice')!;
		expect(flag.hint).toContain('payment options');
	});
});

describe('invoice message input checks (nothing is sent)', () => {
	const send = { resource: 'invoiceMessage', operation: 'send', invoiceId: byId(5) };
	const cases: Array<[IDataObject, string]> = [
		[
			{ ...send, recipients: { item: [{ name: 'Kim', email: 'kim.example.com' }] }, additionalFields: {} },
			'The parameter "Recipients › Email" must be an email address, not "kim.example.com" [item 0]',
		],
		[{ ...send, recipients: { item: [{ name: 'Kim' }] }, additionalFields: {} }, 'The parameter "Recipients › Email" is required [item 0]'],
		[{ ...send, recipients: {}, additionalFields: { subject: 'Hi' } }, 'The parameter "Recipients" needs an email address, unless "Send Me a Copy" is on [item 0]'],
		[{ ...send, invoiceId: byId('INV-1'), recipients: {}, additionalFields: {} }, 'The parameter "Invoice" must be a positive whole number, not "INV-1" [item 0]'],
		[{ resource: 'invoiceMessage', operation: 'delete', invoiceId: byId(5), messageId: '1.5' }, 'The parameter "Message" must be a positive whole number, not "1.5" [item 0]'],
		[{ resource: 'invoiceMessage', operation: 'markAsSent', invoiceId: byId('') }, 'The parameter "Invoice" is required [item 0]'],
		[
			{ resource: 'invoiceMessage', operation: 'getAll', invoiceId: byId(5), returnAll: true, filters: { updated_since: 'yesterday' } },
			'The parameter "Updated Since" must be a date and time such as 2025-01-31T09:00:00Z, not "yesterday" [item 0]',
		],
		[{ resource: 'invoiceMessage', operation: 'getTemplate', invoiceId: byId(5), template: 'overdue' }, 'The parameter "Template" must be one of invoice, reminder, thankYou, not "overdue" [item 0]'],
	];
	it.each(cases.map(([parameters, message]) => [message, parameters] as const))('%s', async (message, parameters) => {
		const { error, sent } = await env.refusal(parameters);
		expect(error.message).toBe(message);
		expect(sent).toEqual([]);
		expect(env.received()).toEqual([]);
	});

	it('goes on after a bad email with Continue On Fail, and pairs both items', async () => {
		const id = await draftInvoice();
		env.sandbox.log.clear();
		const emails = ['bad-address', 'ok@example.com'];
		const { items } = await env.run(
			(i) => ({ ...send, invoiceId: byId(id), recipients: { item: [{ email: emails[i] }] }, additionalFields: {} }),
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json.error).toBe('The parameter "Recipients › Email" must be an email address, not "bad-address" [item 0]');
		expect(items[1].json).toMatchObject({ recipients: [{ email: 'ok@example.com' }] });
		expect(env.received()).toEqual([`POST /v2/invoices/${id}/messages`]);
	});
});
