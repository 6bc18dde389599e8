import { entryHours, lineAmount, lockedReason, totals } from './calc';
import { isoTime, isoTimeOrNull } from './clock';
import type {
	ClientRow, ContactRow, EstimateItemCategoryRow, EstimateMessageRow, EstimateRow, ExpenseCategoryRow,
	ExpenseRow, InvoiceItemCategoryRow, InvoiceMessageRow, InvoicePaymentRow, InvoiceRow, ProjectRow,
	RateRow, RoleRow, TaskAssignmentRow, TaskRow, TimeEntryRow, UserAssignmentRow, UserRow,
} from './model';
import type { AccountStore } from './store';

/** What presenters need besides the row: the account, "now", and the origin for URLs. */
export interface PresentContext {
	store: AccountStore;
	now: number;
	origin: string;
	/** Per-response cache of embedded stubs (a page of 2000 entries shares few projects/users). */
	memo?: Map<string, unknown>;
}

function memo<T>(pc: PresentContext, key: string, make: () => T): T {
	if (!pc.memo) pc.memo = new Map();
	if (pc.memo.has(key)) return pc.memo.get(key) as T;
	const value = make();
	pc.memo.set(key, value);
	return value;
}

type Obj = Record<string, unknown>;

const stamps = (r: { created_at: number; updated_at: number }) => ({
	created_at: isoTime(r.created_at),
	updated_at: isoTime(r.updated_at),
});

export function userName(u: UserRow | undefined): string | null {
	return u ? `${u.first_name} ${u.last_name}` : null;
}

function clientStub(pc: PresentContext, id: number, withCurrency = false): Obj | null {
	return memo(pc, `c${withCurrency ? '$' : ''}${id}`, () => {
		const c = pc.store.clients.get(id);
		if (!c) return null;
		return withCurrency ? { id: c.id, name: c.name, currency: c.currency } : { id: c.id, name: c.name };
	});
}

function projectStub(pc: PresentContext, id: number | null, withCode = true): Obj | null {
	return memo(pc, `p${withCode ? '#' : ''}${id}`, () => {
		const p = id === null ? undefined : pc.store.projects.get(id);
		if (!p) return null;
		return withCode ? { id: p.id, name: p.name, code: p.code } : { id: p.id, name: p.name };
	});
}

function userStub(pc: PresentContext, id: number): Obj | null {
	return memo(pc, `u${id}`, () => {
		const u = pc.store.users.get(id);
		return u ? { id: u.id, name: userName(u) } : null;
	});
}

function taskStub(pc: PresentContext, id: number): Obj | null {
	return memo(pc, `t${id}`, () => {
		const t = pc.store.tasks.get(id);
		return t ? { id: t.id, name: t.name } : null;
	});
}

function invoiceStub(pc: PresentContext, id: number | null): Obj | null {
	const inv = id === null ? undefined : pc.store.invoices.get(id);
	return inv ? { id: inv.id, number: inv.number } : null;
}

export function presentClient(_pc: PresentContext, r: ClientRow): Obj {
	return { id: r.id, name: r.name, is_active: r.is_active, address: r.address, statement_key: r.statement_key, ...stamps(r), currency: r.currency };
}

export function presentContact(pc: PresentContext, r: ContactRow): Obj {
	return {
		id: r.id, title: r.title, first_name: r.first_name, last_name: r.last_name, email: r.email,
		phone_office: r.phone_office, phone_mobile: r.phone_mobile, fax: r.fax, ...stamps(r),
		client: clientStub(pc, r.client_id),
	};
}

export function presentProject(pc: PresentContext, r: ProjectRow): Obj {
	return {
		id: r.id, name: r.name, code: r.code, is_active: r.is_active, bill_by: r.bill_by, budget: r.budget,
		budget_by: r.budget_by, budget_is_monthly: r.budget_is_monthly, notify_when_over_budget: r.notify_when_over_budget,
		over_budget_notification_percentage: r.over_budget_notification_percentage,
		over_budget_notification_date: r.over_budget_notification_date, show_budget_to_all: r.show_budget_to_all,
		...stamps(r), starts_on: r.starts_on, ends_on: r.ends_on, is_billable: r.is_billable, is_fixed_fee: r.is_fixed_fee,
		notes: r.notes, client: clientStub(pc, r.client_id, true), cost_budget: r.cost_budget,
		cost_budget_include_expenses: r.cost_budget_include_expenses, hourly_rate: r.hourly_rate, fee: r.fee,
	};
}

export function presentTask(_pc: PresentContext, r: TaskRow): Obj {
	return {
		id: r.id, name: r.name, billable_by_default: r.billable_by_default, default_hourly_rate: r.default_hourly_rate,
		is_default: r.is_default, is_active: r.is_active, ...stamps(r),
	};
}

export function presentUser(pc: PresentContext, r: UserRow): Obj {
	const roles: string[] = [];
	for (const role of pc.store.roles.values()) if (role.user_ids.includes(r.id)) roles.push(role.name);
	return {
		id: r.id, first_name: r.first_name, last_name: r.last_name, email: r.email, telephone: r.telephone,
		timezone: r.timezone, has_access_to_all_future_projects: r.has_access_to_all_future_projects,
		is_contractor: r.is_contractor, is_active: r.is_active, ...stamps(r), weekly_capacity: r.weekly_capacity,
		default_hourly_rate: r.default_hourly_rate, cost_rate: r.cost_rate, roles: roles.sort(),
		access_roles: r.access_roles.slice(), avatar_url: r.avatar_url,
	};
}

export function presentTeammate(r: UserRow): Obj {
	return { id: r.id, first_name: r.first_name, last_name: r.last_name, email: r.email };
}

/** A user assignment as embedded in time entries and expenses (no project/user stubs). */
function userAssignmentCore(r: UserAssignmentRow): Obj {
	return {
		id: r.id, is_project_manager: r.is_project_manager, is_active: r.is_active, use_default_rates: r.use_default_rates,
		budget: r.budget, ...stamps(r), hourly_rate: r.hourly_rate,
	};
}

function taskAssignmentCore(r: TaskAssignmentRow): Obj {
	return { id: r.id, billable: r.billable, is_active: r.is_active, ...stamps(r), hourly_rate: r.hourly_rate, budget: r.budget };
}

export function presentUserAssignment(pc: PresentContext, r: UserAssignmentRow): Obj {
	return { ...userAssignmentCore(r), project: projectStub(pc, r.project_id), user: userStub(pc, r.user_id) };
}

export function presentTaskAssignment(pc: PresentContext, r: TaskAssignmentRow): Obj {
	const t = pc.store.tasks.get(r.task_id);
	return { ...taskAssignmentCore(r), project: projectStub(pc, r.project_id), task: t ? { id: t.id, name: t.name } : null };
}

/** `/users/{id}/project_assignments`: the user assignment plus project, client and the project's task assignments. */
export function presentProjectAssignment(pc: PresentContext, r: UserAssignmentRow): Obj {
	const project = pc.store.projects.get(r.project_id);
	const tasks = pc.store.taskAssignments
		.sorted()
		.filter((ta) => ta.project_id === r.project_id && ta.is_active)
		.map((ta) => {
			const t = pc.store.tasks.get(ta.task_id);
			return { ...taskAssignmentCore(ta), task: t ? { id: t.id, name: t.name } : null };
		});
	return {
		...userAssignmentCore(r),
		project: projectStub(pc, r.project_id),
		client: project ? clientStub(pc, project.client_id) : null,
		task_assignments: tasks,
	};
}

export function presentTimeEntry(pc: PresentContext, r: TimeEntryRow): Obj {
	const { store } = pc;
	const project = store.projects.get(r.project_id);
	const ua = store.userAssignmentFor(r.project_id, r.user_id);
	const ta = store.taskAssignmentFor(r.project_id, r.task_id);
	const hours = entryHours(r, pc.now);
	const invoiced = r.invoice_id !== null;
	const approved = r.approval_status === 'approved';
	const reason = lockedReason(invoiced, approved);
	return {
		id: r.id, spent_date: r.spent_date, user: userStub(pc, r.user_id),
		client: project ? clientStub(pc, project.client_id) : null,
		project: projectStub(pc, r.project_id, false),
		task: taskStub(pc, r.task_id),
		user_assignment: ua ? memo(pc, `ua${ua.id}`, () => userAssignmentCore(ua)) : null,
		task_assignment: ta ? memo(pc, `ta${ta.id}`, () => taskAssignmentCore(ta)) : null,
		hours, hours_without_timer: Math.round(r.hours_without_timer * 100) / 100, rounded_hours: hours,
		notes: r.notes, ...stamps(r), is_locked: reason !== null, locked_reason: reason, is_closed: approved,
		approval_status: r.approval_status, is_billed: invoiced, timer_started_at: isoTimeOrNull(r.timer_started_at),
		started_time: r.started_time, ended_time: r.ended_time, is_running: r.timer_started_at !== null,
		invoice: r.invoice_id === null ? null : memo(pc, `i${r.invoice_id}`, () => invoiceStub(pc, r.invoice_id)),
		external_reference: r.external_reference ? { ...r.external_reference } : null,
		billable: r.billable, budgeted: !!project && project.budget_by !== 'none', billable_rate: r.billable_rate, cost_rate: r.cost_rate,
	};
}

export function receiptUrl(pc: PresentContext, expenseId: number): string {
	return `${pc.origin}/expenses/${expenseId}/receipt`;
}

export function presentExpense(pc: PresentContext, r: ExpenseRow): Obj {
	const { store } = pc;
	const project = store.projects.get(r.project_id);
	const category = store.expenseCategories.get(r.expense_category_id);
	const ua = store.userAssignmentFor(r.project_id, r.user_id);
	const invoiced = r.invoice_id !== null;
	const approved = r.approval_status === 'approved';
	const locked = invoiced || approved;
	return {
		id: r.id, notes: r.notes, total_cost: r.total_cost, units: r.units, is_closed: approved,
		approval_status: r.approval_status, is_locked: locked, is_billed: invoiced,
		locked_reason: invoiced ? 'Expense is invoiced.' : approved ? 'Expense is approved.' : null,
		spent_date: r.spent_date, ...stamps(r), billable: r.billable,
		receipt: r.receipt
			? { url: receiptUrl(pc, r.id), file_name: r.receipt.file_name, file_size: r.receipt.file_size, content_type: r.receipt.content_type }
			: null,
		user: userStub(pc, r.user_id), user_assignment: ua ? userAssignmentCore(ua) : null,
		project: projectStub(pc, r.project_id),
		expense_category: category ? { id: category.id, name: category.name, unit_price: category.unit_price, unit_name: category.unit_name } : null,
		client: project ? clientStub(pc, project.client_id, true) : null,
		invoice: invoiceStub(pc, r.invoice_id),
	};
}

export function presentExpenseCategory(_pc: PresentContext, r: ExpenseCategoryRow): Obj {
	return { id: r.id, name: r.name, unit_name: r.unit_name, unit_price: r.unit_price, is_active: r.is_active, ...stamps(r) };
}

export function presentInvoiceItemCategory(_pc: PresentContext, r: InvoiceItemCategoryRow): Obj {
	return { id: r.id, name: r.name, use_as_service: r.use_as_service, use_as_expense: r.use_as_expense, ...stamps(r) };
}

export function presentEstimateItemCategory(_pc: PresentContext, r: EstimateItemCategoryRow): Obj {
	return { id: r.id, name: r.name, ...stamps(r) };
}

export function presentInvoice(pc: PresentContext, r: InvoiceRow): Obj {
	const t = totals(r.line_items, r.tax, r.tax2, r.discount);
	return {
		id: r.id, client_key: r.client_key, number: r.number, purchase_order: r.purchase_order, amount: t.amount,
		due_amount: Math.max(0, Math.round((t.amount - r.paid_amount) * 100) / 100), tax: r.tax, tax_amount: t.tax_amount,
		tax2: r.tax2, tax2_amount: t.tax2_amount, discount: r.discount, discount_amount: t.discount_amount,
		subject: r.subject, notes: r.notes, state: r.state, period_start: r.period_start, period_end: r.period_end,
		issue_date: r.issue_date, due_date: r.due_date, payment_term: r.payment_term, sent_at: isoTimeOrNull(r.sent_at),
		paid_at: isoTimeOrNull(r.paid_at), paid_date: r.paid_date, closed_at: isoTimeOrNull(r.closed_at),
		recurring_invoice_id: r.recurring_invoice_id, ...stamps(r), currency: r.currency,
		payment_options: r.payment_options.slice(), client: clientStub(pc, r.client_id),
		estimate: r.estimate_id === null ? null : { id: r.estimate_id }, retainer: r.retainer_id === null ? null : { id: r.retainer_id },
		creator: userStub(pc, r.creator_id),
		line_items: r.line_items.map((li) => ({
			id: li.id, kind: li.kind, description: li.description, quantity: li.quantity, unit_price: li.unit_price,
			amount: lineAmount(li), taxed: li.taxed, taxed2: li.taxed2, project: projectStub(pc, li.project_id),
		})),
	};
}

export function presentEstimate(pc: PresentContext, r: EstimateRow): Obj {
	const t = totals(r.line_items, r.tax, r.tax2, r.discount);
	return {
		id: r.id, client_key: r.client_key, number: r.number, purchase_order: r.purchase_order, amount: t.amount,
		tax: r.tax, tax_amount: t.tax_amount, tax2: r.tax2, tax2_amount: t.tax2_amount, discount: r.discount,
		discount_amount: t.discount_amount, subject: r.subject, notes: r.notes, state: r.state, issue_date: r.issue_date,
		sent_at: isoTimeOrNull(r.sent_at), ...stamps(r), accepted_at: isoTimeOrNull(r.accepted_at),
		declined_at: isoTimeOrNull(r.declined_at), currency: r.currency, client: clientStub(pc, r.client_id),
		creator: userStub(pc, r.creator_id),
		line_items: r.line_items.map((li) => ({
			id: li.id, kind: li.kind, description: li.description, quantity: li.quantity, unit_price: li.unit_price,
			amount: lineAmount(li), taxed: li.taxed, taxed2: li.taxed2,
		})),
	};
}

export function presentInvoiceMessage(_pc: PresentContext, r: InvoiceMessageRow): Obj {
	return {
		id: r.id, sent_by: r.sent_by, sent_by_email: r.sent_by_email, sent_from: r.sent_from, sent_from_email: r.sent_from_email,
		include_link_to_client_invoice: r.include_link_to_client_invoice, send_me_a_copy: r.send_me_a_copy,
		thank_you: r.thank_you, reminder: r.reminder, send_reminder_on: r.send_reminder_on, ...stamps(r),
		attach_pdf: r.attach_pdf, event_type: r.event_type, recipients: r.recipients.map((x) => ({ ...x })),
		subject: r.subject, body: r.body,
	};
}

export function presentEstimateMessage(_pc: PresentContext, r: EstimateMessageRow): Obj {
	return {
		id: r.id, sent_by: r.sent_by, sent_by_email: r.sent_by_email, sent_from: r.sent_from, sent_from_email: r.sent_from_email,
		send_me_a_copy: r.send_me_a_copy, ...stamps(r), recipients: r.recipients.map((x) => ({ ...x })),
		event_type: r.event_type, subject: r.subject, body: r.body,
	};
}

export function presentPayment(_pc: PresentContext, r: InvoicePaymentRow): Obj {
	return {
		id: r.id, amount: r.amount, paid_at: isoTime(r.paid_at), paid_date: r.paid_date, recorded_by: r.recorded_by,
		recorded_by_email: r.recorded_by_email, notes: r.notes, transaction_id: r.transaction_id, ...stamps(r),
		payment_gateway: { id: null, name: null },
	};
}

export function presentRole(_pc: PresentContext, r: RoleRow): Obj {
	return { id: r.id, name: r.name, user_ids: r.user_ids.slice(), ...stamps(r) };
}

export function presentRate(_pc: PresentContext, r: RateRow): Obj {
	return { id: r.id, amount: r.amount, start_date: r.start_date, end_date: r.end_date, ...stamps(r) };
}
