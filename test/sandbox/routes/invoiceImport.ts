import { entryHours, round2 } from '../calc';
import { unprocessable } from '../errors';
import type { Fields } from '../fields';
import type { ExpenseRow, InvoiceLineItemRow, ProjectRow, TimeEntryRow } from '../model';
import type { AccountStore } from '../store';
import { ref } from './helpers';

const TIME_SUMMARIES = ['project', 'task', 'people', 'detailed'] as const;
const EXPENSE_SUMMARIES = ['project', 'category', 'people', 'detailed'] as const;

export interface ImportResult {
	lines: InvoiceLineItemRow[];
	entries: TimeEntryRow[];
	expenses: ExpenseRow[];
	periodStart: string | null;
	periodEnd: string | null;
}

function projectLabel(p: ProjectRow): string {
	return p.code ? `[${p.code}] ${p.name}` : p.name;
}

function range(f: Fields | null | undefined): { from: string | null; to: string | null } {
	return { from: f?.date('from') ?? null, to: f?.date('to') ?? null };
}

const inRange = (date: string, r: { from: string | null; to: string | null }) =>
	(r.from === null || date >= r.from) && (r.to === null || date <= r.to);

/**
 * `line_items_import`: turns the uninvoiced billable time and expenses of the given projects
 * into invoice lines, summarised the way the request asks (per project, task, person or
 * one line per record).
 */
export function importLineItems(store: AccountStore, clientId: number, spec: Fields, now: number): ImportResult {
	const ids = spec.array('project_ids');
	if (!ids || ids.length === 0) throw unprocessable("Line items import project ids can't be blank");
	const projects = ids.map((v) => {
		const id = typeof v === 'number' ? v : Number(v);
		if (!Number.isInteger(id)) throw unprocessable(`Invalid project id: ${String(v)}`);
		const p = ref(store.projects, id, 'Project');
		if (p.client_id !== clientId) throw unprocessable(`Project ${id} does not belong to the invoice's client`);
		return p;
	});
	const projectIds = new Set(projects.map((p) => p.id));
	const time = spec.object('time');
	const expenses = spec.object('expenses');
	if (!time && !expenses) throw unprocessable('Line items import needs time and/or expenses');
	const serviceKind = store.invoiceItemCategories.find((c) => c.use_as_service)?.name ?? 'Service';
	const expenseKind = store.invoiceItemCategories.find((c) => c.use_as_expense)?.name ?? 'Product';
	const lines: InvoiceLineItemRow[] = [];
	const result: ImportResult = { lines, entries: [], expenses: [], periodStart: null, periodEnd: null };
	const widen = (r: { from: string | null; to: string | null }) => {
		if (r.from && (!result.periodStart || r.from < result.periodStart)) result.periodStart = r.from;
		if (r.to && (!result.periodEnd || r.to > result.periodEnd)) result.periodEnd = r.to;
	};

	if (time) {
		const summary = time.oneOf('summary_type', TIME_SUMMARIES);
		if (!summary) throw unprocessable("Time summary type can't be blank");
		const r = range(time);
		widen(r);
		const picked = store.timeEntries
			.sorted()
			.filter((e) => projectIds.has(e.project_id) && e.invoice_id === null && e.billable && e.timer_started_at === null && inRange(e.spent_date, r))
			.slice()
			.reverse();
		const groups = new Map<string, { project: ProjectRow; label: string; rate: number; entries: TimeEntryRow[] }>();
		for (const e of picked) {
			const project = store.projects.get(e.project_id) as ProjectRow;
			const rate = e.billable_rate ?? 0;
			let key = `${e.project_id}:${rate}`;
			let label = projectLabel(project);
			if (summary === 'task') {
				key += `:${e.task_id}`;
				label += `: ${store.tasks.get(e.task_id)?.name ?? 'Task'}`;
			} else if (summary === 'people') {
				const u = store.users.get(e.user_id);
				key += `:${e.user_id}`;
				label += `: ${u ? `${u.first_name} ${u.last_name}` : 'Person'}`;
			} else if (summary === 'detailed') {
				key = `entry:${e.id}`;
				label += `: ${store.tasks.get(e.task_id)?.name ?? 'Task'} (${e.spent_date})${e.notes ? ` ${e.notes}` : ''}`;
			}
			const g = groups.get(key) ?? { project, label, rate, entries: [] };
			g.entries.push(e);
			groups.set(key, g);
		}
		for (const g of groups.values()) {
			lines.push({
				id: store.lineItemIds.next(), kind: serviceKind, description: g.label,
				quantity: round2(g.entries.reduce((s, e) => s + entryHours(e, now), 0)), unit_price: g.rate,
				taxed: false, taxed2: false, project_id: g.project.id, time_entry_ids: g.entries.map((e) => e.id), expense_ids: [],
			});
			result.entries.push(...g.entries);
		}
	}

	if (expenses) {
		const summary = expenses.oneOf('summary_type', EXPENSE_SUMMARIES);
		if (!summary) throw unprocessable("Expenses summary type can't be blank");
		expenses.bool('attach_receipt');
		const r = range(expenses);
		widen(r);
		const picked = store.expenses
			.sorted()
			.filter((e) => projectIds.has(e.project_id) && e.invoice_id === null && e.billable && inRange(e.spent_date, r))
			.slice()
			.reverse();
		const groups = new Map<string, { project: ProjectRow; label: string; rows: ExpenseRow[] }>();
		for (const e of picked) {
			const project = store.projects.get(e.project_id) as ProjectRow;
			let key = `${e.project_id}`;
			let label = `${projectLabel(project)}: Expenses`;
			if (summary === 'category') {
				key += `:${e.expense_category_id}`;
				label = `${projectLabel(project)}: ${store.expenseCategories.get(e.expense_category_id)?.name ?? 'Expense'}`;
			} else if (summary === 'people') {
				const u = store.users.get(e.user_id);
				key += `:${e.user_id}`;
				label += ` (${u ? `${u.first_name} ${u.last_name}` : 'Person'})`;
			} else if (summary === 'detailed') {
				key = `expense:${e.id}`;
				label = `${projectLabel(project)}: ${store.expenseCategories.get(e.expense_category_id)?.name ?? 'Expense'} (${e.spent_date})${e.notes ? ` ${e.notes}` : ''}`;
			}
			const g = groups.get(key) ?? { project, label, rows: [] };
			g.rows.push(e);
			groups.set(key, g);
		}
		for (const g of groups.values()) {
			lines.push({
				id: store.lineItemIds.next(), kind: expenseKind, description: g.label, quantity: 1,
				unit_price: round2(g.rows.reduce((s, e) => s + e.total_cost, 0)), taxed: false, taxed2: false,
				project_id: g.project.id, time_entry_ids: [], expense_ids: g.rows.map((e) => e.id),
			});
			result.expenses.push(...g.rows);
		}
	}
	return result;
}

/** Marks imported records as billed by the invoice, or releases them (invoice_id = null). */
export function linkRecords(store: AccountStore, invoiceId: number | null, entryIds: Iterable<number>, expenseIds: Iterable<number>): void {
	for (const id of entryIds) {
		const e = store.timeEntries.get(id);
		if (e && e.invoice_id !== invoiceId) store.touch(store.timeEntries, e, (x) => {
			x.invoice_id = invoiceId;
		});
	}
	for (const id of expenseIds) {
		const e = store.expenses.get(id);
		if (e && e.invoice_id !== invoiceId) store.touch(store.expenses, e, (x) => {
			x.invoice_id = invoiceId;
		});
	}
}
