// Upsales (guide 003): tracked time → opportunities, won deals → the Harvest project invoiced; run twice, then
// after an edit and a deletion in Harvest and a deal won in Upsales.
import assert from 'assert/strict';

import type { UpsalesAccount, UpsalesOrder } from '../../../counterparts/upsales';
import type { E2EContext } from '../../context';
import type { Case } from '../../harness';
import { nodeItems } from '../../n8n';
import { counterpartChange, describeWrites, examplesOf, harvestChange, harvestList, runExample, type RunEffects } from './support';

const WORKFLOW = 'exUpsalesSync001';
const TRIGGER = 'Sync now';
const PROJECT_FIELD = 11;

interface UninvoicedRow {
	client_name: string;
	project_id: number;
	project_name: string;
	uninvoiced_hours: number;
	uninvoiced_expenses: number;
	uninvoiced_amount: number;
}

const projectOf = (order: UpsalesOrder) => order.custom.find((c) => c.fieldId === PROJECT_FIELD)?.value;

/** What Harvest's Uninvoiced report says now for the active projects, over the dates the run used. */
async function tracked(ctx: E2EContext, run: RunEffects): Promise<Map<string, UninvoicedRow>> {
	const [settings] = nodeItems(run.result, 'Settings');
	const report = await examplesOf(ctx).sandbox.get<{ results: UninvoicedRow[] }>(`/reports/uninvoiced?from=${String(settings.trackedFrom)}&to=${String(settings.today)}&per_page=2000`);
	const active = new Set((await harvestList<{ id: number }>(ctx, '/projects?is_active=true', 'projects')).map((p) => p.id));
	return new Map(report.results.filter((row) => active.has(row.project_id)).map((row) => [String(row.project_id), row]));
}

/** Each open opportunity holds its project's uninvoiced hours at the project's rates. */
function assertMirrors(orders: UpsalesOrder[], rows: Map<string, UninvoicedRow>): void {
	for (const [projectId, row] of rows) {
		const linked = orders.filter((o) => projectOf(o) === projectId);
		if (row.uninvoiced_hours <= 0 && linked.length === 0) continue;
		assert.equal(linked.length, 1, `one opportunity for project ${row.project_name}`);
		const [order] = linked;
		if (order.probability === 100 || order.probability === 0) continue;
		assert.equal(order.orderRow.length, 1, 'one product row');
		assert.equal(order.orderRow[0].quantity, row.uninvoiced_hours, `hours of ${row.project_name}`);
		const amount = row.uninvoiced_amount - row.uninvoiced_expenses;
		assert.ok(Math.abs(order.value - amount) <= row.uninvoiced_hours * 0.005 + 0.01, `value of ${row.project_name}: ${order.value} vs ${amount}`);
	}
}

export const upsalesCases: Array<Case<E2EContext>> = [
	{
		name: 'examples: Upsales — tracked time becomes one opportunity per project at its rates; a second run writes nothing; Harvest edits and deletions update it once; a won deal invoices and archives the project once',
		lane: 'examples',
		timeoutMs: 300_000,
		run: async (ctx) => {
			const upsales = examplesOf(ctx).world.counterparts.upsales;
			const orders = () => (upsales.state() as unknown as { orders: UpsalesOrder[] }).orders;
			const accounts = () => (upsales.state() as unknown as { accounts: UpsalesAccount[] }).accounts;

			// 1. First run: an opportunity per project with uninvoiced time, at Verbal Agreement, under its company.
			const first = await runExample(ctx, WORKFLOW, TRIGGER, upsales);
			assert.deepEqual(first.harvestWrites, [], 'no deal is won yet: Harvest is only read');
			const rows = await tracked(ctx, first);
			const withTime = [...rows.values()].filter((r) => r.uninvoiced_hours > 0);
			assert.ok(withTime.length >= 3, `the demo has uninvoiced time on ${withTime.length} projects`);
			assert.equal(orders().length, withTime.length, 'one opportunity per project with uninvoiced time');
			assertMirrors(orders(), rows);
			for (const order of orders()) {
				const row = rows.get(projectOf(order)!)!;
				assert.equal(order.description, row.project_name);
				assert.equal(order.client.name.toLowerCase(), row.client_name.toLowerCase());
				assert.equal(order.stage.name, 'Verbal Agreement');
				assert.equal(order.user.id, 1);
			}
			const names = accounts().map((a) => a.name.toLowerCase());
			assert.equal(new Set(names).size, names.length, 'no company twice');
			assert.ok(accounts().some((a) => a.id === examplesOf(ctx).world.demo.upsalesAccount.id), 'the company that existed is kept');

			// 2. Second run: nothing changes on either side.
			const second = await runExample(ctx, WORKFLOW, TRIGGER, upsales);
			assert.deepEqual([...second.counterpartWrites, ...second.harvestWrites], [], `second run: ${describeWrites(second)}`);

			// 3. Time tracked in Harvest reaches its project's opportunity once.
			const [edited, deleted] = orders();
			const entry = await harvestChange<{ id: number; billable: boolean }>(ctx, 'time_entries', 'create', { project_id: Number(projectOf(edited)), hours: 2.5, notes: 'e2e: more work' });
			const afterEdit = await runExample(ctx, WORKFLOW, TRIGGER, upsales);
			assert.equal(afterEdit.counterpartWrites.length, entry.billable ? 1 : 0, `after the edit: ${describeWrites(afterEdit)}`);
			if (entry.billable) assert.equal(afterEdit.counterpartWrites[0].path, `/api/v2/orders/${edited.id}`);
			assertMirrors(orders(), await tracked(ctx, afterEdit));

			// 4. A deleted Harvest entry takes its hours off the opportunity.
			const [settings] = nodeItems(first.result, 'Settings');
			const projectEntries = await harvestList<{ id: number; billable: boolean; is_billed: boolean; is_running: boolean; hours: number }>(
				ctx,
				`/time_entries?project_id=${projectOf(deleted)}&is_billed=false&from=${String(settings.trackedFrom)}`,
				'time_entries',
			);
			const gone = projectEntries.find((e) => e.billable && !e.is_running && e.hours > 0)!;
			await harvestChange(ctx, 'time_entries', 'delete', undefined, gone.id);
			const afterDelete = await runExample(ctx, WORKFLOW, TRIGGER, upsales);
			assert.deepEqual(afterDelete.counterpartWrites.map((w) => w.path), [`/api/v2/orders/${deleted.id}`], `after the deletion: ${describeWrites(afterDelete)}`);
			assertMirrors(orders(), await tracked(ctx, afterDelete));

			// 5. Won in Upsales: the project's time is invoiced and the project archived, once.
			await counterpartChange(ctx, 'upsales', 'PUT', `/api/v2/orders/${edited.id}`, { stage: { id: 4 } });
			const won = await runExample(ctx, WORKFLOW, TRIGGER, upsales);
			assert.deepEqual(won.counterpartWrites, [], 'a won order is not changed');
			assert.deepEqual(won.harvestWrites.map((w) => `${w.method} ${w.path}`), ['POST /v2/invoices', `PATCH /v2/projects/${projectOf(edited)}`]);
			const [invoice] = nodeItems(won.result, 'Invoice the tracked time');
			assert.ok(Number(invoice.amount) > 0, 'the invoice holds the tracked time');
			const open = await harvestList<{ billable: boolean; is_billed: boolean; is_running: boolean }>(ctx, `/time_entries?project_id=${projectOf(edited)}`, 'time_entries');
			assert.deepEqual(open.filter((e) => e.billable && !e.is_billed && !e.is_running), [], 'no billable time of the project is left uninvoiced');
			const project = await examplesOf(ctx).sandbox.get<{ is_active: boolean; notes: string }>(`/projects/${projectOf(edited)}`);
			assert.equal(project.is_active, false, 'no more time is tracked on the project');
			assert.match(project.notes, new RegExp(`invoice ${String(invoice.number)} \\(Upsales order ${edited.id}\\)`));
			const again = await runExample(ctx, WORKFLOW, TRIGGER, upsales);
			assert.deepEqual([...again.counterpartWrites, ...again.harvestWrites], [], `after the win: ${describeWrites(again)}`);
		},
	},
];
