import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeItems } from '../n8n';
import { assertSequence, runOk } from '../cases/roundtrip';

const check: Case<E2EContext> = {
	name: 'actions: invoice messages and payments — mark sent, pay, list, remove',
	lane: 'actions',
	run: async (ctx) => {
		const { result, requests } = await runOk(ctx, 'e2eInvoicePaymnt');
		const [invoice] = nodeItems(result, 'Create invoice');
		const [payment] = nodeItems(result, 'Pay');
		assert.equal(payment?.amount, 300);
		assert.ok(nodeItems(result, 'Payments').some((p) => p.id === payment.id), 'payment listed');
		assert.ok(nodeItems(result, 'Messages').length >= 1, 'the "sent" message is listed');
		assert.equal(nodeItems(result, 'Paid invoice')[0]?.state, 'paid');
		const path = `/invoices/${String(invoice.id)}`;
		assert.equal((await ctx.sandbox.api('GET', path)).status, 404, 'invoice removed');
		assertSequence(requests, [
			'POST /v2/invoices 201',
			`POST /v2${path}/messages 201`,
			`POST /v2${path}/payments 201`,
			`GET /v2${path}/payments 200`,
			`GET /v2${path}/messages 200`,
			`DELETE /v2${path}/payments/${String(payment.id)} 200`,
			`DELETE /v2${path} 200`,
		]);
	},
};

export default check;
