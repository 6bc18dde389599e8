import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeItems } from '../n8n';
import { runOk } from '../cases/roundtrip';

interface Entry {
	id: number;
	hours: number;
	billable: boolean;
	billable_rate: number | null;
	is_billed: boolean;
	invoice: { id: number } | null;
}

const day = (offset = 0) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);

// The workflow invoices all tracked time of the project with the most uninvoiced hours; afterwards that
// time must be billed on the new invoice, in the sandbox, and the amount must match hours × rates.
const check: Case<E2EContext> = {
	name: 'actions: invoice from tracked time — amount matches the time, which is then billed in the sandbox',
	lane: 'actions',
	run: async (ctx) => {
		const report = await ctx.sandbox.get<{ results: Array<{ project_id: number; client_id: number; uninvoiced_hours: number }> }>(
			`/reports/uninvoiced?from=${day(364)}&to=${day()}&per_page=2000`,
		);
		const target = report.results.filter((r) => r.uninvoiced_hours > 0).sort((a, b) => b.uninvoiced_hours - a.uninvoiced_hours)[0];
		assert.ok(target, 'the sandbox has no uninvoiced time');
		const entries = async () =>
			(await ctx.sandbox.get<{ time_entries: Entry[] }>(`/time_entries?project_id=${target.project_id}&to=${day()}&per_page=2000`)).time_entries;
		const open = (await entries()).filter((e) => e.billable && !e.is_billed);
		const expectedAmount = open.reduce((sum, e) => sum + e.hours * (e.billable_rate ?? 0), 0);

		const { result } = await runOk(ctx, 'e2eInvoiceFrTime');
		const [invoice] = nodeItems(result, 'Create invoice') as Array<{ id: number; amount: number; client: { id: number }; line_items: Array<{ project?: { id: number } }> }>;
		assert.ok(invoice?.id, 'no invoice created');
		assert.equal(invoice.client.id, target.client_id);
		assert.ok(invoice.line_items.length > 0 && invoice.line_items.every((l) => l.project?.id === target.project_id), 'line items are for the project');
		assert.ok(Math.abs(invoice.amount - expectedAmount) < 0.01 * Math.max(1, open.length), `invoice amount ${invoice.amount} ≠ tracked ${expectedAmount.toFixed(2)}`);

		const after = await entries();
		const billedHere = after.filter((e) => e.invoice?.id === invoice.id).map((e) => e.id).sort();
		assert.deepEqual(billedHere, open.map((e) => e.id).sort(), 'exactly the open billable time is now on the invoice');
		assert.deepEqual(after.filter((e) => e.billable && !e.is_billed), [], 'no billable time of the project is left uninvoiced');
	},
};

export default check;
