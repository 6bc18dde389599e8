/**
 * Invoice payments against the sandbox: partial and full payments (the last one marks the invoice paid),
 * list, delete (the invoice opens again), and input checks that send nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, useActionSandbox } from './support';

const env = useActionSandbox();
const { exec, one } = env;

/** An open invoice for 100.00. */
async function openInvoice(): Promise<number> {
	const clientId = env.store().clients.all().find((c) => c.is_active)!.id;
	const invoice = await one({
		resource: 'invoice',
		operation: 'create',
		clientId: byId(clientId),
		lineItems: { item: [{ kind: 'Service', quantity: 1, unit_price: 100 }] },
		additionalFields: {},
	});
	await one({ resource: 'invoiceMessage', operation: 'markAsSent', invoiceId: byId(invoice.id as number) });
	return invoice.id as number;
}

const invoiceOf = async (id: number) => await one({ resource: 'invoice', operation: 'get', invoiceId: byId(id) });

describe('invoice payments', () => {
	it('records a partial then a final payment: the invoice becomes paid; deleting one opens it again', async () => {
		const id = await openInvoice();
		const { items, ctx } = await env.run(
			{
				resource: 'invoicePayment',
				operation: 'create',
				invoiceId: byId(id),
				amount: 40,
				additionalFields: { paid_date: '2025-03-05T00:00:00', notes: 'Wire transfer' },
			},
		);
		expect(ctx.sent[0].body).toEqual({ amount: 40, paid_date: '2025-03-05', notes: 'Wire transfer' });
		const first = items[0].json;
		expect(first).toMatchObject({ amount: 40, paid_date: '2025-03-05', notes: 'Wire transfer' });
		expect(await invoiceOf(id)).toMatchObject({ state: 'open', due_amount: 60 });

		const second = await one({
			resource: 'invoicePayment',
			operation: 'create',
			invoiceId: byId(id),
			amount: '60',
			additionalFields: { paid_at: '2025-03-06T10:00:00Z', send_thank_you: false },
		});
		expect(second).toMatchObject({ amount: 60, paid_at: '2025-03-06T10:00:00Z' });
		expect(await invoiceOf(id)).toMatchObject({ state: 'paid', due_amount: 0 });

		const payments = await exec({ resource: 'invoicePayment', operation: 'getAll', invoiceId: byId(id), returnAll: true, filters: {} });
		expect(payments.map((p) => p.amount).sort()).toEqual([40, 60]);

		expect(
			await exec({ resource: 'invoicePayment', operation: 'delete', invoiceId: byId(id), paymentId: String(second.id) }),
		).toEqual([{ deleted: true }]);
		expect(await invoiceOf(id)).toMatchObject({ state: 'open', due_amount: 60 });
	});

	it('passes Harvest’s refusal of an overpayment on', async () => {
		const id = await openInvoice();
		const { error } = await env.refusal(
			{ resource: 'invoicePayment', operation: 'create', invoiceId: byId(id), amount: 500, additionalFields: {} },
		);
		expect(error.message).toMatch(/422|amount due/i);
	});
});

describe('invoice payment input checks (nothing is sent)', () => {
	const create = { resource: 'invoicePayment', operation: 'create', invoiceId: byId(5) };
	const cases: Array<[IDataObject, string]> = [
		[{ ...create, amount: -10, additionalFields: {} }, 'The parameter "Amount" cannot be negative (-10) [item 0]'],
		[{ ...create, amount: 0, additionalFields: {} }, 'The parameter "Amount" must be more than 0 [item 0]'],
		[{ ...create, amount: 'ten', additionalFields: {} }, 'The parameter "Amount" must be a number written in decimal digits, not "ten" [item 0]'],
		[
			{ ...create, amount: 10, additionalFields: { paid_at: '2025-03-06T10:00:00Z', paid_date: '2025-03-06' } },
			'The parameter "Paid Date" cannot be set together with "Paid At" [item 0]',
		],
		[{ ...create, amount: 10, additionalFields: { paid_date: '2025-13-01' } }, 'The parameter "Paid Date" must be a real date (YYYY-MM-DD), not "2025-13-01" [item 0]'],
		[{ ...create, amount: 10, additionalFields: { paid_at: 'noon' } }, 'The parameter "Paid At" must be a date and time such as 2025-01-31T09:00:00Z, not "noon" [item 0]'],
		[{ resource: 'invoicePayment', operation: 'delete', invoiceId: byId(5), paymentId: '' }, 'The parameter "Payment" is required [item 0]'],
		[{ resource: 'invoicePayment', operation: 'getAll', invoiceId: byId(5), returnAll: false, limit: 0, filters: {} }, 'The parameter "Limit" must be at least 1, not 0 [item 0]'],
	];
	it.each(cases.map(([parameters, message]) => [message, parameters] as const))('%s', async (message, parameters) => {
		const { error, sent } = await env.refusal(parameters);
		expect(error.message).toBe(message);
		expect(sent).toEqual([]);
		expect(env.received()).toEqual([]);
	});
});
