import { round2 } from './calc';
import { isoDate } from './clock';
import { gifOfSize } from './files';
import type {
	EstimateMessageRow, EstimateRow, ExpenseRow, InvoiceLineItemRow, InvoiceMessageRow, InvoicePaymentRow, InvoiceRow,
	ProjectRow, RateRow, Receipt, TaskAssignmentRow, TimeEntryRow, UserAssignmentRow, UserRow,
} from './model';
import type { SeedContext } from './seed';
import { EXPENSE_NOTES, NOTES } from './seedNames';
import type { Table } from './table';

const DAY = 86400;
const MAX_INVOICES = 2000;

/** Rate history lookup without scanning the rate tables for every generated entry. */
function rateBook(table: Table<RateRow>): (userId: number, date: string) => number | null {
	const byUser = new Map<number, RateRow[]>();
	for (const r of table.values()) {
		const list = byUser.get(r.user_id) ?? [];
		list.push(r);
		byUser.set(r.user_id, list);
	}
	return (userId, date) => {
		for (const r of byUser.get(userId) ?? []) {
			if ((r.start_date === null || r.start_date <= date) && (r.end_date === null || r.end_date >= date)) return r.amount;
		}
		return null;
	};
}

interface Assignment {
	ua: UserAssignmentRow;
	project: ProjectRow;
	user: UserRow;
	tasks: TaskAssignmentRow[];
	/** Latest "days ago" a record can have (after the project existed), at most a year. */
	maxDaysAgo: number;
}

function assignments(ctx: SeedContext): Assignment[] {
	const { store } = ctx;
	const tasksByProject = new Map<number, TaskAssignmentRow[]>();
	for (const ta of store.taskAssignments.values()) {
		if (!ta.is_active) continue;
		const list = tasksByProject.get(ta.project_id) ?? [];
		list.push(ta);
		tasksByProject.set(ta.project_id, list);
	}
	const out: Assignment[] = [];
	for (const ua of store.userAssignments.sorted().slice().reverse()) {
		const project = store.projects.get(ua.project_id) as ProjectRow;
		const user = store.users.get(ua.user_id) as UserRow;
		const tasks = tasksByProject.get(project.id) ?? [];
		if (!tasks.length) continue;
		const age = Math.floor((ctx.anchor - project.created_at) / DAY) - 1;
		out.push({ ua, project, user, tasks, maxDaysAgo: Math.max(1, Math.min(365, age)) });
	}
	return out;
}

/** Mostly weekdays, like real timesheets. */
function workday(ctx: SeedContext, maxDaysAgo: number): number {
	let daysAgo = ctx.rng.int(1, maxDaysAgo);
	for (let tries = 0; tries < 3; tries++) {
		const weekday = new Date((ctx.anchor - daysAgo * DAY) * 1000).getUTCDay();
		if (weekday !== 0 && weekday !== 6) break;
		if (!ctx.rng.chance(0.8)) break;
		daysAgo = ctx.rng.int(1, maxDaysAgo);
	}
	return daysAgo;
}

function approval(ctx: SeedContext, daysAgo: number): string {
	const r = ctx.rng.next();
	if (daysAgo > 30) return r < 0.75 ? 'approved' : r < 0.8 ? 'submitted' : 'unsubmitted';
	if (daysAgo > 7) return r < 0.2 ? 'approved' : r < 0.6 ? 'submitted' : 'unsubmitted';
	return 'unsubmitted';
}

/** Time entries, expenses, invoices (with payments and messages) and estimates. */
export function seedActivity(ctx: SeedContext, entryCount: number, expenseCount: number): void {
	const pool = assignments(ctx);
	if (!pool.length) return;
	seedTimeEntries(ctx, pool, entryCount);
	seedExpenses(ctx, pool, expenseCount);
	seedInvoices(ctx);
	seedEstimates(ctx);
}

function seedTimeEntries(ctx: SeedContext, pool: Assignment[], count: number): void {
	const { rng, store } = ctx;
	const billableRate = rateBook(store.billableRates);
	const costRate = rateBook(store.costRates);
	const rows: Array<Omit<TimeEntryRow, 'id'>> = new Array(count);
	for (let i = 0; i < count; i++) {
		const a = pool[rng.int(0, pool.length - 1)];
		const ta = a.tasks[rng.int(0, a.tasks.length - 1)];
		const daysAgo = workday(ctx, a.maxDaysAgo);
		const day = ctx.anchor - daysAgo * DAY;
		const spent = isoDate(day);
		const billable = a.project.is_billable && ta.billable;
		let rate: number | null = null;
		if (billable) {
			if (a.project.bill_by === 'Project') rate = a.project.hourly_rate;
			else if (a.project.bill_by === 'Tasks') rate = ta.hourly_rate;
			else if (a.project.bill_by === 'People') rate = a.ua.use_default_rates ? billableRate(a.user.id, spent) : a.ua.hourly_rate;
		}
		const created = day + rng.int(9 * 3600, 20 * 3600);
		const updated = rng.chance(0.25) ? Math.min(ctx.anchor - 1, created + rng.int(60, 2 * DAY)) : created;
		const external = rng.chance(0.05);
		const issue = rng.int(10, 999);
		rows[i] = {
			spent_date: spent, user_id: a.user.id, project_id: a.project.id, task_id: ta.task_id,
			hours_without_timer: rng.int(1, 32) * 0.25, timer_started_at: null, notes: rng.chance(0.8) ? rng.pick(NOTES) : null,
			approval_status: approval(ctx, daysAgo), invoice_id: null, started_time: null, ended_time: null,
			external_reference: external
				? {
						id: String(100000 + issue), group_id: String(4000 + (issue % 7)), account_id: '9911',
						permalink: `https://github.com/sandbox-co/website/issues/${issue}`, service: 'github.com',
						service_icon_url: 'https://github.com/favicon.ico',
					}
				: null,
			billable, billable_rate: rate, cost_rate: costRate(a.user.id, spent), created_at: created, updated_at: updated,
		};
	}
	ctx.insertAll(store.timeEntries, rows);
}

function seedExpenses(ctx: SeedContext, pool: Assignment[], count: number): void {
	const { rng, store } = ctx;
	const categories = store.expenseCategories.all().filter((c) => c.is_active);
	const rows: Array<Omit<ExpenseRow, 'id'>> = [];
	for (let i = 0; i < count; i++) {
		const a = pool[rng.int(0, pool.length - 1)];
		const category = rng.pick(categories);
		const daysAgo = workday(ctx, a.maxDaysAgo);
		const day = ctx.anchor - daysAgo * DAY;
		const units = category.unit_price !== null ? rng.int(5, 120) : 1;
		const total = category.unit_price !== null ? round2(units * category.unit_price) : round2(rng.int(800, 45000) / 100);
		let receipt: Receipt | null = null;
		if (rng.chance(0.3)) {
			const size = rng.int(256, 1024);
			const data = gifOfSize(size);
			receipt = { file_name: `receipt-${i + 1}.gif`, file_size: size, content_type: 'image/gif', data };
		}
		const created = day + rng.int(9 * 3600, 20 * 3600);
		rows.push({
			project_id: a.project.id, user_id: a.user.id, expense_category_id: category.id, spent_date: isoDate(day), units,
			total_cost: total, notes: rng.chance(0.7) ? rng.pick(EXPENSE_NOTES) : null, billable: a.project.is_billable && rng.chance(0.8),
			receipt, invoice_id: null, approval_status: approval(ctx, daysAgo), ...ctx.stamps(created, 0.2),
		});
	}
	ctx.insertAll(store.expenses, rows);
}

/** Monthly invoices per client from older billable work, in every state of their life. */
function seedInvoices(ctx: SeedContext): void {
	const { rng, store } = ctx;
	const cutoff = isoDate(ctx.anchor - 45 * DAY);
	const invoicing = new Set(store.clients.all().filter(() => rng.chance(0.7)).map((c) => c.id));
	type Group = { clientId: number; month: string; entries: TimeEntryRow[]; expenses: ExpenseRow[] };
	const groups = new Map<string, Group>();
	const groupOf = (projectId: number, date: string) => {
		const clientId = (store.projects.get(projectId) as ProjectRow).client_id;
		if (!invoicing.has(clientId) || date > cutoff) return null;
		const key = `${date.slice(0, 7)}|${clientId}`;
		let g = groups.get(key);
		if (!g) groups.set(key, (g = { clientId, month: date.slice(0, 7), entries: [], expenses: [] }));
		return g;
	};
	for (const e of store.timeEntries.values()) if (e.billable && e.billable_rate) groupOf(e.project_id, e.spent_date)?.entries.push(e);
	for (const e of store.expenses.values()) if (e.billable) groupOf(e.project_id, e.spent_date)?.expenses.push(e);
	const ordered = Array.from(groups.values()).sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.clientId - b.clientId)).slice(-MAX_INVOICES);

	const invoices: Array<Omit<InvoiceRow, 'id'>> = [];
	for (const g of ordered) {
		const lines = new Map<string, InvoiceLineItemRow>();
		for (const e of g.entries) {
			const key = `t|${e.project_id}|${e.billable_rate}`;
			let line = lines.get(key);
			if (!line) {
				const p = store.projects.get(e.project_id) as ProjectRow;
				line = { id: 0, kind: 'Service', description: `${p.code ? `[${p.code}] ` : ''}${p.name} (${g.month})`, quantity: 0, unit_price: e.billable_rate ?? 0, taxed: false, taxed2: false, project_id: p.id, time_entry_ids: [], expense_ids: [] };
				lines.set(key, line);
			}
			line.quantity = round2(line.quantity + e.hours_without_timer);
			line.time_entry_ids.push(e.id);
		}
		for (const e of g.expenses) {
			const key = `x|${e.project_id}`;
			let line = lines.get(key);
			if (!line) {
				const p = store.projects.get(e.project_id) as ProjectRow;
				line = { id: 0, kind: 'Product', description: `${p.name}: expenses (${g.month})`, quantity: 1, unit_price: 0, taxed: false, taxed2: false, project_id: p.id, time_entry_ids: [], expense_ids: [] };
				lines.set(key, line);
			}
			line.unit_price = round2(line.unit_price + e.total_cost);
			line.expense_ids.push(e.id);
		}
		const [y, m] = g.month.split('-').map(Number);
		const issue = isoDate(Date.UTC(y, m, 1) / 1000);
		const issueSec = Date.UTC(y, m, 1) / 1000;
		const age = Math.floor((ctx.anchor - issueSec) / DAY);
		const r = rng.next();
		const state = age > 60 ? (r < 0.7 ? 'paid' : r < 0.75 ? 'closed' : 'open') : age > 30 ? (r < 0.3 ? 'paid' : 'open') : r < 0.4 ? 'draft' : 'open';
		const created = issueSec + rng.int(9 * 3600, 12 * 3600);
		const sent = state === 'draft' ? null : created + rng.int(600, 3 * 3600);
		const paidAt = state === 'paid' ? Math.min(ctx.anchor - 1, (sent as number) + rng.int(5, 50) * DAY) : null;
		const closedAt = state === 'closed' ? Math.min(ctx.anchor - 1, (sent as number) + rng.int(40, 90) * DAY) : null;
		const client = store.clients.get(g.clientId);
		const tax = rng.chance(0.3) ? 8.5 : null;
		invoices.push({
			client_id: g.clientId, estimate_id: null, retainer_id: null, creator_id: store.meId, client_key: rng.hex(40), number: '',
			purchase_order: rng.chance(0.2) ? `PO-${rng.int(1000, 9999)}` : null, tax, tax2: null, discount: null,
			subject: `Services ${g.month}`, notes: null, currency: client?.currency ?? 'USD', state, period_start: `${g.month}-01`,
			period_end: isoDate(issueSec - DAY), issue_date: issue, due_date: isoDate(issueSec + 30 * DAY), payment_term: 'net 30',
			payment_options: [], sent_at: sent, paid_at: paidAt, paid_date: paidAt === null ? null : isoDate(paidAt), closed_at: closedAt,
			recurring_invoice_id: null,
			line_items: Array.from(lines.values()).map((li) => ({ ...li, taxed: tax !== null })),
			paid_amount: 0, created_at: created, updated_at: Math.max(created, sent ?? 0, paidAt ?? 0, closedAt ?? 0),
		});
	}
	const rows = ctx.insertAll(store.invoices, invoices);
	const payments: Array<Omit<InvoicePaymentRow, 'id'>> = [];
	const messages: Array<Omit<InvoiceMessageRow, 'id'>> = [];
	const me = store.me();
	const meName = `${me.first_name} ${me.last_name}`;
	rows.sort((a, b) => a.id - b.id).forEach((inv, i) => {
		inv.number = String(3001 + i);
		for (const li of inv.line_items) {
			li.id = store.lineItemIds.next();
			for (const id of li.time_entry_ids) (store.timeEntries.get(id) as TimeEntryRow).invoice_id = inv.id;
			for (const id of li.expense_ids) (store.expenses.get(id) as ExpenseRow).invoice_id = inv.id;
		}
		if (inv.sent_at !== null) {
			const contact = store.contacts.find((c) => c.client_id === inv.client_id);
			messages.push({
				invoice_id: inv.id, sent_by: meName, sent_by_email: me.email, sent_from: meName, sent_from_email: me.email,
				recipients: contact?.email ? [{ name: `${contact.first_name} ${contact.last_name ?? ''}`.trim(), email: contact.email }] : [{ name: null, email: 'billing@example.com' }],
				subject: `Invoice #${inv.number} from ${store.company.name}`, body: 'Please find the invoice attached.',
				include_link_to_client_invoice: false, attach_pdf: true, send_me_a_copy: false, thank_you: false, event_type: null,
				reminder: false, send_reminder_on: null, created_at: inv.sent_at, updated_at: inv.sent_at,
			});
		}
		if (inv.state === 'paid' && inv.paid_at !== null) {
			const amount = inv.line_items.reduce((s, li) => s + round2(li.quantity * li.unit_price), 0);
			const total = round2(amount + (inv.tax ? round2(inv.line_items.reduce((s, li) => s + (li.taxed ? round2(li.quantity * li.unit_price) : 0), 0) * inv.tax / 100) : 0));
			inv.paid_amount = total;
			payments.push({
				invoice_id: inv.id, amount: total, paid_at: inv.paid_at, paid_date: isoDate(inv.paid_at), recorded_by: meName,
				recorded_by_email: me.email, notes: rng.chance(0.5) ? 'Bank transfer' : null, transaction_id: null,
				created_at: inv.paid_at, updated_at: inv.paid_at,
			});
		}
	});
	ctx.insertAll(store.invoiceMessages, messages);
	ctx.insertAll(store.invoicePayments, payments);
}

function seedEstimates(ctx: SeedContext): void {
	const { rng, store } = ctx;
	const clients = store.clients.all();
	const count = Math.max(2, Math.min(200, Math.round(clients.length / 2)));
	const rows: Array<Omit<EstimateRow, 'id'>> = [];
	for (let i = 0; i < count; i++) {
		const client = rng.pick(clients);
		const daysAgo = rng.int(5, 360);
		const created = ctx.at(daysAgo);
		const r = rng.next();
		const state = r < 0.2 ? 'draft' : r < 0.5 ? 'sent' : r < 0.85 ? 'accepted' : 'declined';
		const sent = state === 'draft' ? null : Math.min(ctx.anchor - 1, created + rng.int(600, DAY));
		const answered = state === 'accepted' || state === 'declined' ? Math.min(ctx.anchor - 1, (sent as number) + rng.int(1, 4) * DAY) : null;
		rows.push({
			client_id: client.id, creator_id: store.meId, client_key: rng.hex(40), number: '', purchase_order: null,
			tax: rng.chance(0.3) ? 5 : null, tax2: null, discount: rng.chance(0.2) ? 10 : null, subject: `Proposal for ${client.name}`,
			notes: null, currency: client.currency, state, issue_date: isoDate(created), sent_at: sent,
			accepted_at: state === 'accepted' ? answered : null, declined_at: state === 'declined' ? answered : null,
			line_items: Array.from({ length: rng.int(1, 3) }, (_, k) => ({
				id: 0, kind: k === 2 ? 'Product' : 'Service', description: ['Discovery workshop', 'Design and build', 'Hosting (12 months)'][k],
				quantity: k === 2 ? 1 : rng.int(10, 120), unit_price: k === 2 ? 1200 : rng.pick([90, 110, 130]), taxed: true, taxed2: false,
			})),
			created_at: created, updated_at: Math.max(created, sent ?? 0, answered ?? 0),
		});
	}
	const estimates = ctx.insertAll(store.estimates, rows).sort((a, b) => a.id - b.id);
	const me = store.me();
	const meName = `${me.first_name} ${me.last_name}`;
	const messages: Array<Omit<EstimateMessageRow, 'id'>> = [];
	estimates.forEach((est, i) => {
		est.number = String(5001 + i);
		for (const li of est.line_items) li.id = store.lineItemIds.next();
		const base = { estimate_id: est.id, sent_by: meName, sent_by_email: me.email, sent_from: meName, sent_from_email: me.email, send_me_a_copy: false };
		if (est.sent_at !== null) {
			messages.push({ ...base, recipients: [{ name: null, email: 'buyer@example.com' }], subject: `Estimate #${est.number}`, body: 'Here is our estimate.', event_type: null, created_at: est.sent_at, updated_at: est.sent_at });
		}
		const answered = est.accepted_at ?? est.declined_at;
		if (answered !== null) {
			messages.push({ ...base, recipients: [], subject: null, body: null, event_type: est.state === 'accepted' ? 'accept' : 'decline', created_at: answered, updated_at: answered });
		}
	});
	ctx.insertAll(store.estimateMessages, messages);
}
