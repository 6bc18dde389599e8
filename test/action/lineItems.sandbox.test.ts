/**
 * Credit and discount lines on invoices and estimates against the sandbox: a line item's quantity and unit
 * price may be negative (create, Add Line Item, Update Line Item), while the document's own percentages and
 * the other money fields stay zero or more.
 */
import type { IDataObject, INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { byId, node, useActionSandbox } from './support';

const env = useActionSandbox();
const { one } = env;

const lines = (value: unknown) => value as IDataObject[];

describe.each([
	['invoice', 'invoiceId'],
	['estimate', 'estimateId'],
] as const)('%s line items may be negative', (resource, idParameter) => {
	const clientId = () => env.store().clients.all().find((c) => c.is_active)!.id;

	it('creates a document with a credit line; the amount is the sum of the lines', async () => {
		const { items, ctx } = await env.run({
			resource,
			operation: 'create',
			clientId: byId(clientId()),
			lineItems: {
				item: [
					{ kind: 'Service', description: 'Design', quantity: 10, unit_price: 100 },
					{ kind: 'Service', description: 'Loyalty credit', quantity: 1, unit_price: -150.5 },
				],
			},
			additionalFields: {},
		});
		const sent = ctx.sent[0].body as IDataObject;
		expect(lines(sent.line_items).map((l) => [l.quantity, l.unit_price])).toEqual([
			[10, 100],
			[1, -150.5],
		]);
		const document = items[0].json;
		expect(lines(document.line_items).map((l) => l.amount)).toEqual([1000, -150.5]);
		expect(document.amount).toBe(849.5);
	});

	it('adds a discount line and turns a line into a refund with a negative quantity', async () => {
		const created = await one({
			resource,
			operation: 'create',
			clientId: byId(clientId()),
			lineItems: { item: [{ kind: 'Product', description: 'Licences', quantity: 3, unit_price: 200 }] },
			additionalFields: {},
		});
		const id = created.id as number;
		const added = await one({
			resource,
			operation: 'addLineItem',
			[idParameter]: byId(id),
			kind: 'Service',
			unitPrice: -50,
			additionalFields: { description: 'Early payment discount' },
		});
		expect(lines(added.line_items)[1]).toMatchObject({ unit_price: -50, quantity: 1, amount: -50 });
		expect(added.amount).toBe(550);

		const first = lines(added.line_items)[0];
		const updated = await one({
			resource,
			operation: 'updateLineItem',
			[idParameter]: byId(id),
			lineItemId: String(first.id),
			updateFields: { quantity: '-1', description: 'Returned licence' },
		});
		expect(lines(updated.line_items)[0]).toMatchObject({ id: first.id, quantity: -1, amount: -200, description: 'Returned licence' });
		expect(updated.amount).toBe(-250);
	});

	it('counts a line added in the editor once: its Quantity starts at 1, not 0', async () => {
		// The editor fills a new Line Items row with every field's default.
		const lineItems = node.description.properties.find(
			(p) => p.name === 'lineItems' && p.displayOptions?.show?.resource?.includes(resource),
		) as INodeProperties;
		const row = Object.fromEntries(
			((lineItems.options as INodePropertyCollection[])[0].values).map((v) => [v.name, v.default]),
		) as IDataObject;
		const created = await one({
			resource,
			operation: 'create',
			clientId: byId(clientId()),
			lineItems: { item: [{ ...row, kind: 'Service', unit_price: 480 }] },
			additionalFields: {},
		});
		expect(lines(created.line_items)[0]).toMatchObject({ quantity: 1, unit_price: 480, amount: 480 });
		expect(created.amount).toBe(480);
	});

	it('still refuses text and negative percentages, sending nothing', async () => {
		const bad = await env.refusal({
			resource,
			operation: 'create',
			clientId: byId(1),
			lineItems: { item: [{ kind: 'Service', unit_price: 'minus five' }] },
			additionalFields: {},
		});
		expect(bad.error.message).toBe('The parameter "Line Items › Unit Price" must be a number written in decimal digits, not "minus five" [item 0]');
		const tax = await env.refusal({ resource, operation: 'create', clientId: byId(1), lineItems: {}, additionalFields: { tax: -8 } });
		expect(tax.error.message).toBe('The parameter "Tax (%)" cannot be negative (-8) [item 0]');
		expect([...bad.sent, ...tax.sent]).toEqual([]);
		expect(env.received()).toEqual([]);
	});
});
