/**
 * Estimates and their messages against the sandbox: round trip, line items added / changed / removed, the
 * sent → accepted / declined → re-opened state machine, emails with recipients, and input checks.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, byUrl, useActionSandbox } from './support';

const env = useActionSandbox();
const { exec, one } = env;

let clientId: number;

beforeAll(() => {
	clientId = env.store().clients.all().find((c) => c.is_active)!.id;
});

const lines = (value: unknown) => value as IDataObject[];

async function draftEstimate(): Promise<number> {
	const estimate = await one({
		resource: 'estimate',
		operation: 'create',
		clientId: byId(clientId),
		lineItems: { item: [{ kind: 'Service', description: 'Discovery', quantity: 5, unit_price: 120 }] },
		additionalFields: {},
	});
	return estimate.id as number;
}

const state = (id: number) => env.store().estimates.get(id)!.state;

describe('estimate', () => {
	it('round-trips create → get → update → list → delete', async () => {
		const created = await one({
			resource: 'estimate',
			operation: 'create',
			clientId: byId(clientId),
			lineItems: {
				item: [
					{ kind: 'Service', description: 'Workshop', quantity: 2, unit_price: 500, taxed: true },
					{ kind: 'Product', description: 'Licences', quantity: 3, unit_price: 100 },
				],
			},
			additionalFields: { subject: 'Proposal', tax: 20, discount: 10, issue_date: '2025-04-01', number: 'EST-900', currency: 'EUR' },
		});
		expect(created).toMatchObject({ state: 'draft', subject: 'Proposal', number: 'EST-900', currency: 'EUR', issue_date: '2025-04-01' });
		expect(lines(created.line_items).map((l) => l.amount)).toEqual([1000, 300]);
		const id = created.id as number;
		const url = `https://sandbox-agency.harvestapp.com/estimates/${id}`;
		expect(await one({ resource: 'estimate', operation: 'get', estimateId: byUrl(url) })).toMatchObject({ id });
		expect(await one({ resource: 'estimate', operation: 'update', estimateId: byId(id), updateFields: { subject: 'Proposal v2', notes: 'Valid 30 days' } })).toMatchObject({
			subject: 'Proposal v2',
			notes: 'Valid 30 days',
		});
		const drafts = await exec({ resource: 'estimate', operation: 'getAll', returnAll: true, filters: { client_id: byId(clientId), state: 'draft', from: '2025-04-01', to: '2025-04-30' } });
		expect(drafts.map((e) => e.id)).toContain(id);
		const accepted = await exec({ resource: 'estimate', operation: 'getAll', returnAll: true, filters: { state: 'accepted' } });
		expect(accepted.every((e) => e.state === 'accepted')).toBe(true);
		expect(await exec({ resource: 'estimate', operation: 'delete', estimateId: byId(id) })).toEqual([{ deleted: true }]);
		expect(env.store().estimates.get(id)).toBeUndefined();
	});

	it('adds, updates and removes a line item', async () => {
		const id = await draftEstimate();
		const added = await one({ resource: 'estimate', operation: 'addLineItem', estimateId: byId(id), kind: 'Product', unitPrice: 80, additionalFields: { quantity: 2 } });
		const line = lines(added.line_items)[1];
		expect(line).toMatchObject({ kind: 'Product', quantity: 2, unit_price: 80 });
		const updated = await one({ resource: 'estimate', operation: 'updateLineItem', estimateId: byId(id), lineItemId: String(line.id), updateFields: { unit_price: 90, taxed: true } });
		expect(lines(updated.line_items)[1]).toMatchObject({ id: line.id, unit_price: 90, taxed: true, amount: 180 });
		const { items, ctx } = await env.run({ resource: 'estimate', operation: 'removeLineItem', estimateId: byId(id), lineItemId: String(line.id) });
		expect(ctx.sent[0].body).toEqual({ line_items: [{ id: line.id, _destroy: true }] });
		expect(lines(items[0].json.line_items).map((l) => l.id)).not.toContain(line.id);
		expect(env.store().estimates.get(id)!.line_items).toHaveLength(1);
	});
});

describe('estimate messages', () => {
	it('walks draft → sent → accepted → re-opened → declined with event-only messages', async () => {
		const id = await draftEstimate();
		for (const [operation, eventType, after] of [
			['markAsSent', 'send', 'sent'],
			['accept', 'accept', 'accepted'],
			['reopen', 're-open', 'sent'],
			['decline', 'decline', 'declined'],
		]) {
			const { items, ctx } = await env.run({ resource: 'estimateMessage', operation, estimateId: byId(id) });
			expect(ctx.sent.map((r) => r.body)).toEqual([{ event_type: eventType }]);
			expect(items[0].json).toMatchObject({ event_type: eventType });
			expect([operation, state(id)]).toEqual([operation, after]);
		}
		const messages = await exec({ resource: 'estimateMessage', operation: 'getAll', estimateId: byId(id), returnAll: true, filters: {} });
		expect(messages.map((m) => m.event_type).sort()).toEqual(['accept', 'decline', 're-open', 'send']);
		const gone = messages[0].id as number;
		expect(await exec({ resource: 'estimateMessage', operation: 'delete', estimateId: byId(id), messageId: String(gone) })).toEqual([{ deleted: true }]);
		expect(env.store().estimateMessages.get(gone)).toBeUndefined();
	});

	it('emails the estimate to its recipients, which marks a draft as sent', async () => {
		const id = await draftEstimate();
		const message = await one({
			resource: 'estimateMessage',
			operation: 'send',
			estimateId: byId(id),
			recipients: { item: [{ name: 'Pat Client', email: 'pat@example.com' }] },
			additionalFields: { subject: 'Our proposal', send_me_a_copy: true },
		});
		expect(message).toMatchObject({ subject: 'Our proposal', send_me_a_copy: true, recipients: [{ name: 'Pat Client', email: 'pat@example.com' }] });
		expect(state(id)).toBe('sent');
	});

	it('passes Harvest’s refusal of accepting a draft on', async () => {
		const id = await draftEstimate();
		const { error } = await env.refusal({ resource: 'estimateMessage', operation: 'accept', estimateId: byId(id) });
		expect(error.message).toMatch(/422|draft/);
		expect(state(id)).toBe('draft');
	});
});

describe('estimate input checks (nothing is sent)', () => {
	const send = { resource: 'estimateMessage', operation: 'send', estimateId: byId(5) };
	const cases: Array<[IDataObject, string]> = [
		[{ ...send, recipients: {}, additionalFields: { send_me_a_copy: true } }, 'The parameter "Recipients" needs at least one email address [item 0]'],
		[{ ...send, recipients: { item: [{ email: 'pat@' }] }, additionalFields: {} }, 'The parameter "Recipients › Email" must be an email address, not "pat@" [item 0]'],
		[{ resource: 'estimateMessage', operation: 'decline', estimateId: byId('3.0') }, 'The parameter "Estimate" must be a positive whole number, not "3.0" [item 0]'],
		[{ resource: 'estimate', operation: 'create', clientId: byId(1), lineItems: { item: [{ kind: 'Service' }] }, additionalFields: {} }, 'The parameter "Line Items › Unit Price" is required [item 0]'],
		[{ resource: 'estimate', operation: 'create', clientId: byId('x'), lineItems: {}, additionalFields: {} }, 'The parameter "Client" must be a positive whole number, not "x" [item 0]'],
		[{ resource: 'estimate', operation: 'create', clientId: byId(1), lineItems: {}, additionalFields: { discount: -5 } }, 'The parameter "Discount (%)" cannot be negative (-5) [item 0]'],
		[{ resource: 'estimate', operation: 'getAll', returnAll: true, filters: { from: '2025-04-31' } }, 'The parameter "From" must be a real date (YYYY-MM-DD), not "2025-04-31" [item 0]'],
		[{ resource: 'estimate', operation: 'getAll', returnAll: true, filters: { state: 'won' } }, 'The parameter "State" must be one of accepted, declined, draft, sent, not "won" [item 0]'],
		[{ resource: 'estimate', operation: 'updateLineItem', estimateId: byId(5), lineItemId: '9', updateFields: { quantity: 'a few' } }, 'The parameter "Quantity" must be a number written in decimal digits, not "a few" [item 0]'],
	];
	it.each(cases.map(([parameters, message]) => [message, parameters] as const))('%s', async (message, parameters) => {
		const { error, sent } = await env.refusal(parameters);
		expect(error.message).toBe(message);
		expect(sent).toEqual([]);
		expect(env.received()).toEqual([]);
	});
});
