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

describe.each(['invoice', 'estimate'] as const)('%s line items of the wrong shape are refused, never dropped', (resource) => {
	const clientId = () => env.store().clients.all().find((c) => c.is_active)!.id;
	const before = () => (resource === 'invoice' ? env.store().invoices.size : env.store().estimates.size);

	it.each([
		['a string', 'two hours of design', /must be a list of rows \(objects\), not "two hours of design"/],
		['a number', 42, /must be a list of rows \(objects\), not 42/],
		['an object that is not rows', { kind: 'Service', unit_price: 5 }, /must be a list of rows \(objects\)/],
		['[null]', [null], /› row 1" must be an object of fields, not null/],
		['a row that is a string', ['Service'], /› row 1" must be an object of fields, not "Service"/],
		['a row with unknown fields', [{ kind: 'Service', unit_price: 5, price: 5 }], /› row 1" has fields Harvest does not take here: price/],
		['a row with none of the fields', [{ foo: 1 }], /› row 1" has fields Harvest does not take here: foo/],
		['rows in the editor shape with a string inside', { item: 'x' }, /must be a list of rows \(objects\)/],
	])('%s: the error names Line Items and the item; nothing is sent or created', async (_what, lineItems, message) => {
		const count = before();
		const items = [{ json: {} }, { json: {} }];
		const { error, sent } = await env.refusal(
			(i) => ({ resource, operation: 'create', clientId: byId(clientId()), lineItems: i === 1 ? lineItems : { item: [{ kind: 'Service', unit_price: 1 }] }, additionalFields: {} }),
			{ items },
		);
		expect(error.message).toMatch(/^The parameter "Line Items/);
		expect(error.message).toMatch(message);
		expect(error.message).toMatch(/\[item 1\]$/);
		// Item 0 was fine and created its document; item 1 sent nothing.
		expect(sent).toHaveLength(1);
		expect(before()).toBe(count + 1);
	});

	it('a list from an expression with well-formed rows is sent as given', async () => {
		const { ctx } = await env.run({
			resource,
			operation: 'create',
			clientId: byId(clientId()),
			lineItems: [{ kind: 'Service', description: 'From an expression', quantity: 2, unit_price: 50 }],
			additionalFields: {},
		});
		expect((ctx.sent[0].body as IDataObject).line_items).toEqual([{ kind: 'Service', description: 'From an expression', quantity: 2, unit_price: 50 }]);
	});
});
