// Domo (guide 001): the connector's reports as DataSets; run twice, then after an edit and a deletion in Harvest.
import assert from 'assert/strict';

import type { DomoDataSet } from '../../../counterparts/domo';
import type { E2EContext } from '../../context';
import type { Case } from '../../harness';
import { REPORTS } from '../../examples/build/domo';
import { describeWrites, examplesOf, harvestChange, runExample } from './support';

const WORKFLOW = 'exDomoDatasets01';
const TRIGGER = 'Export now';

type StoredDataSet = DomoDataSet & { data: string[][]; dataVersion: number };

/** Harvest list per report (the ones whose rows the test counts), and how the list names its records. */
const LISTS: Record<string, [string, string]> = {
	'All Clients': ['/clients', 'clients'],
	'All Contacts': ['/contacts', 'contacts'],
	'All Expenses': ['/expenses', 'expenses'],
	'All Projects': ['/projects', 'projects'],
	'All Roles': ['/roles', 'roles'],
	'All Tasks': ['/tasks', 'tasks'],
	'All Task Assignments': ['/task_assignments', 'task_assignments'],
	'All Time Entries': ['/time_entries', 'time_entries'],
	'All User Assignments': ['/user_assignments', 'user_assignments'],
	'All Users': ['/users', 'users'],
	'Expense Categories': ['/expense_categories', 'expense_categories'],
	'Invoices': ['/invoices', 'invoices'],
	'Invoice Item Categories': ['/invoice_item_categories', 'invoice_item_categories'],
};

/** Lists Harvest keeps per parent (the example reads them account-wide): parents' list, then each one's. */
const CHILD_LISTS: Record<string, { parents: [string, string]; children: (id: string) => string; key: string }> = {
	'All Project Assignments': { parents: ['/users', 'users'], children: (id) => `/users/${id}/project_assignments`, key: 'project_assignments' },
	'Invoice Messages': { parents: ['/invoices', 'invoices'], children: (id) => `/invoices/${id}/messages`, key: 'invoice_messages' },
	'Invoice Payments': { parents: ['/invoices', 'invoices'], children: (id) => `/invoices/${id}/payments`, key: 'invoice_payments' },
};

function column(dataset: StoredDataSet, name: string): string[] {
	const index = dataset.schema.columns.findIndex((c) => c.name === name);
	assert.ok(index >= 0, `${dataset.name} has a column ${name}: ${dataset.schema.columns.map((c) => c.name).join(', ')}`);
	return dataset.data.map((row) => row[index]);
}

async function harvestIds(ctx: E2EContext, report: string): Promise<string[]> {
	const child = CHILD_LISTS[report];
	if (child) {
		await examplesOf(ctx).sandbox.admin('DELETE', '/rate-limits');
		const ids: string[] = [];
		for (const parent of await listIds(ctx, ...child.parents)) ids.push(...(await listIds(ctx, child.children(parent), child.key)));
		return ids.sort();
	}
	return listIds(ctx, ...LISTS[report]);
}

async function listIds(ctx: E2EContext, path: string, key: string): Promise<string[]> {
	const ids: string[] = [];
	for (let page = 1; ; page++) {
		const body = await examplesOf(ctx).sandbox.get<Record<string, unknown>>(`${path}?per_page=2000&page=${page}`);
		ids.push(...(body[key] as Array<{ id: number }>).map((r) => String(r.id)));
		if (!body.next_page) return ids.sort();
	}
}

export const domoCases: Array<Case<E2EContext>> = [
	{
		name: 'examples: Domo — each connector report a typed DataSet; a second run imports nothing; a Harvest edit and a deletion are imported once',
		lane: 'examples',
		timeoutMs: 300_000,
		run: async (ctx) => {
			const domo = examplesOf(ctx).world.counterparts.domo;
			const datasets = () => new Map((domo.state().datasets as StoredDataSet[]).map((d) => [d.name.replace(/^Harvest: /, ''), d]));
			const imports = (effects: { counterpartWrites: Array<{ method: string; path: string }> }) =>
				effects.counterpartWrites.filter((w) => w.method === 'PUT' && w.path.endsWith('/data')).map((w) => w.path.split('/')[3]);
			const names = (ids: string[]) => ids.map((id) => [...datasets().values()].find((d) => d.id === id)?.name ?? id).sort();

			// 1. First run: one DataSet per report, holding every Harvest record (updated since 2000) as typed rows.
			const first = await runExample(ctx, WORKFLOW, TRIGGER, domo);
			assert.deepEqual(first.harvestWrites, []);
			const made = datasets();
			assert.deepEqual([...made.keys()].sort(), REPORTS.map(([name]) => name).sort(), 'one DataSet per report');
			for (const report of [...Object.keys(LISTS), ...Object.keys(CHILD_LISTS)]) {
				assert.deepEqual(column(made.get(report)!, 'id').sort(), await harvestIds(ctx, report), `${report}: every record, once`);
			}
			const company = made.get('Company')!;
			assert.equal(company.data.length, 1);
			assert.ok(made.get('Invoice Payments')!.data.length > 0 && made.get('All Project Assignments')!.data.length > 0, 'account-wide child lists have rows');
			assert.ok(column(made.get('Invoice Messages')!, 'parent_id').every(Boolean), 'each message names its invoice');
			const entries = made.get('All Time Entries')!;
			const types = Object.fromEntries(entries.schema.columns.map((c) => [c.name, c.type]));
			assert.deepEqual([types.id, types.hours, types.spent_date, types.created_at, types['project.name']], ['LONG', 'DECIMAL', 'DATE', 'DATETIME', 'STRING']);
			assert.equal(new Set(imports(first)).size, imports(first).length, 'each DataSet imported once');

			// 2. Second run: Domo already holds every row, so nothing is imported (no new data versions).
			const second = await runExample(ctx, WORKFLOW, TRIGGER, domo);
			assert.deepEqual(second.counterpartWrites, [], `second run: ${describeWrites(second)}`);

			// 3. A client renamed in Harvest: the DataSets that show the name are imported once, with it.
			const [clientId] = column(made.get('All Clients')!, 'id');
			await harvestChange(ctx, 'clients', 'update', { name: 'Renamed for Domo Ltd' }, Number(clientId));
			const edited = await runExample(ctx, WORKFLOW, TRIGGER, domo);
			const changed = names(imports(edited));
			assert.ok(changed.includes('Harvest: All Clients'), `imports after the edit: ${JSON.stringify(changed)}`);
			assert.equal(new Set(changed).size, changed.length, 'each changed DataSet imported once');
			for (const name of changed) {
				assert.ok(JSON.stringify(datasets().get(name.replace(/^Harvest: /, ''))!.data).includes('Renamed for Domo Ltd'), `${name} shows the new name`);
			}
			const untouched = [...made.values()].filter((d) => !changed.includes(d.name));
			for (const dataset of untouched) assert.equal(datasets().get(dataset.name.replace(/^Harvest: /, ''))!.dataVersion, dataset.dataVersion, `${dataset.name} unchanged`);
			const quiet = await runExample(ctx, WORKFLOW, TRIGGER, domo);
			assert.deepEqual(quiet.counterpartWrites, [], `after the edit: ${describeWrites(quiet)}`);

			// 4. A time entry tracked and then deleted in Harvest arrives in its DataSet and leaves it again; no
			// other DataSet is imported.
			const entry = await harvestChange<{ id: number }>(ctx, 'time_entries', 'create', { hours: 1.25, notes: 'e2e: for Domo' });
			const entryId = String(entry.id);
			const tracked = await runExample(ctx, WORKFLOW, TRIGGER, domo);
			assert.deepEqual(names(imports(tracked)), ['Harvest: All Time Entries'], describeWrites(tracked));
			assert.ok(column(datasets().get('All Time Entries')!, 'id').includes(entryId), 'the new entry is in Domo');
			await harvestChange(ctx, 'time_entries', 'delete', undefined, entry.id);
			const deleted = await runExample(ctx, WORKFLOW, TRIGGER, domo);
			assert.deepEqual(names(imports(deleted)), ['Harvest: All Time Entries'], describeWrites(deleted));
			assert.ok(!column(datasets().get('All Time Entries')!, 'id').includes(entryId), 'the deleted entry is gone from Domo');
		},
	},
];
