import { entryHours, round2 } from './calc';
import type { AccountStore } from './store';

/** Report rows are computed from the stored time entries and expenses on every request. */
export type ReportRow = Record<string, unknown>;

export type TimeReportKind = 'clients' | 'projects' | 'tasks' | 'team';
export type ExpenseReportKind = 'categories' | 'clients' | 'projects' | 'team';

interface Acc {
	row: ReportRow;
	sortName: string;
	sums: Record<string, number>;
}

function accumulate(groups: Map<string, Acc>, key: string, make: () => Omit<Acc, 'sums'>, add: Record<string, number>): void {
	let acc = groups.get(key);
	if (!acc) {
		acc = { ...make(), sums: {} };
		groups.set(key, acc);
	}
	for (const [k, v] of Object.entries(add)) acc.sums[k] = (acc.sums[k] ?? 0) + v;
}

/** Rows ordered by name, then currency (as in Harvest's examples), sums rounded to cents. */
function finish(groups: Map<string, Acc>): ReportRow[] {
	return Array.from(groups.values())
		.sort((a, b) => a.sortName.localeCompare(b.sortName) || String(a.row.currency).localeCompare(String(b.row.currency)))
		.map((acc) => {
			const out: ReportRow = { ...acc.row };
			for (const [k, v] of Object.entries(acc.sums)) out[k] = round2(v);
			return out;
		});
}

export function timeReport(store: AccountStore, kind: TimeReportKind, from: string, to: string, includeFixedFee: boolean, now: number): ReportRow[] {
	const groups = new Map<string, Acc>();
	for (const e of store.timeEntries.values()) {
		if (e.spent_date < from || e.spent_date > to) continue;
		const project = store.projects.get(e.project_id);
		if (!project) continue;
		const client = store.clients.get(project.client_id);
		const currency = client?.currency ?? store.company.currency;
		const hours = entryHours(e, now);
		const amount = e.billable && (includeFixedFee || !project.is_fixed_fee) ? hours * (e.billable_rate ?? 0) : 0;
		const add = { total_hours: hours, billable_hours: e.billable ? hours : 0, billable_amount: amount };
		if (kind === 'clients') {
			accumulate(groups, `${project.client_id}:${currency}`, () => ({ sortName: client?.name ?? '', row: { client_id: project.client_id, client_name: client?.name ?? null, currency } }), add);
		} else if (kind === 'projects') {
			accumulate(groups, `${project.id}:${currency}`, () => ({
				sortName: `${client?.name ?? ''}\u0000${project.name}`,
				row: { project_id: project.id, project_name: project.name, client_id: project.client_id, client_name: client?.name ?? null, currency },
			}), add);
		} else if (kind === 'tasks') {
			const task = store.tasks.get(e.task_id);
			accumulate(groups, `${e.task_id}:${currency}`, () => ({ sortName: task?.name ?? '', row: { task_id: e.task_id, task_name: task?.name ?? null, currency } }), add);
		} else {
			const user = store.users.get(e.user_id);
			const name = user ? `${user.first_name} ${user.last_name}` : '';
			accumulate(groups, `${e.user_id}:${currency}`, () => ({
				sortName: name,
				row: {
					user_id: e.user_id, user_name: name, is_contractor: user?.is_contractor ?? false, currency,
					weekly_capacity: user?.weekly_capacity ?? 0, avatar_url: user?.avatar_url ?? null,
				},
			}), add);
		}
	}
	return finish(groups);
}

export function expenseReport(store: AccountStore, kind: ExpenseReportKind, from: string, to: string): ReportRow[] {
	const groups = new Map<string, Acc>();
	for (const e of store.expenses.values()) {
		if (e.spent_date < from || e.spent_date > to) continue;
		const project = store.projects.get(e.project_id);
		if (!project) continue;
		const client = store.clients.get(project.client_id);
		const currency = client?.currency ?? store.company.currency;
		const add = { total_amount: e.total_cost, billable_amount: e.billable ? e.total_cost : 0 };
		if (kind === 'categories') {
			const cat = store.expenseCategories.get(e.expense_category_id);
			accumulate(groups, `${e.expense_category_id}:${currency}`, () => ({
				sortName: cat?.name ?? '', row: { expense_category_id: e.expense_category_id, expense_category_name: cat?.name ?? null, currency },
			}), add);
		} else if (kind === 'clients') {
			accumulate(groups, `${project.client_id}:${currency}`, () => ({ sortName: client?.name ?? '', row: { client_id: project.client_id, client_name: client?.name ?? null, currency } }), add);
		} else if (kind === 'projects') {
			accumulate(groups, `${project.id}:${currency}`, () => ({
				sortName: `${client?.name ?? ''}\u0000${project.name}`,
				row: { client_id: project.client_id, client_name: client?.name ?? null, project_id: project.id, project_name: project.name, currency },
			}), add);
		} else {
			const user = store.users.get(e.user_id);
			const name = user ? `${user.first_name} ${user.last_name}` : '';
			accumulate(groups, `${e.user_id}:${currency}`, () => ({
				sortName: name, row: { user_id: e.user_id, user_name: name, is_contractor: user?.is_contractor ?? false, currency },
			}), add);
		}
	}
	return finish(groups);
}

/** Per project: all hours in the range, and what is billable but not yet invoiced. */
export function uninvoicedReport(store: AccountStore, from: string, to: string, includeFixedFee: boolean, now: number): ReportRow[] {
	const groups = new Map<string, Acc>();
	const make = (projectId: number) => () => {
		const project = store.projects.get(projectId);
		const client = project ? store.clients.get(project.client_id) : undefined;
		return {
			sortName: `${client?.name ?? ''}\u0000${project?.name ?? ''}`,
			row: {
				client_id: project?.client_id ?? null, client_name: client?.name ?? null, project_id: projectId,
				project_name: project?.name ?? null, currency: client?.currency ?? store.company.currency,
			},
		};
	};
	const zero = { total_hours: 0, uninvoiced_hours: 0, uninvoiced_expenses: 0, uninvoiced_amount: 0 };
	for (const e of store.timeEntries.values()) {
		if (e.spent_date < from || e.spent_date > to) continue;
		const project = store.projects.get(e.project_id);
		if (!project) continue;
		const hours = entryHours(e, now);
		const open = e.billable && e.invoice_id === null;
		const amount = open && (includeFixedFee || !project.is_fixed_fee) ? hours * (e.billable_rate ?? 0) : 0;
		accumulate(groups, String(e.project_id), make(e.project_id), { ...zero, total_hours: hours, uninvoiced_hours: open ? hours : 0, uninvoiced_amount: amount });
	}
	for (const e of store.expenses.values()) {
		if (e.spent_date < from || e.spent_date > to || !store.projects.get(e.project_id)) continue;
		const open = e.billable && e.invoice_id === null ? e.total_cost : 0;
		accumulate(groups, String(e.project_id), make(e.project_id), { ...zero, uninvoiced_expenses: open, uninvoiced_amount: open });
	}
	return finish(groups).map((row) => ({
		client_id: row.client_id, client_name: row.client_name, project_id: row.project_id, project_name: row.project_name,
		currency: row.currency, total_hours: row.total_hours, uninvoiced_hours: row.uninvoiced_hours,
		uninvoiced_expenses: row.uninvoiced_expenses, uninvoiced_amount: row.uninvoiced_amount,
	}));
}

/** Budget against what was spent, per project with a budget (newest projects first). */
export function projectBudgetReport(store: AccountStore, isActive: boolean | undefined, now: number): ReportRow[] {
	const month = store.clock.today().slice(0, 7);
	const spent = new Map<number, { hours: number; amount: number; monthHours: number; monthAmount: number; expenses: number; monthExpenses: number }>();
	const get = (id: number) => {
		let s = spent.get(id);
		if (!s) spent.set(id, (s = { hours: 0, amount: 0, monthHours: 0, monthAmount: 0, expenses: 0, monthExpenses: 0 }));
		return s;
	};
	for (const e of store.timeEntries.values()) {
		const s = get(e.project_id);
		const hours = entryHours(e, now);
		const amount = e.billable ? hours * (e.billable_rate ?? 0) : 0;
		s.hours += hours;
		s.amount += amount;
		if (e.spent_date.startsWith(month)) {
			s.monthHours += hours;
			s.monthAmount += amount;
		}
	}
	for (const e of store.expenses.values()) {
		const s = get(e.project_id);
		s.expenses += e.total_cost;
		if (e.spent_date.startsWith(month)) s.monthExpenses += e.total_cost;
	}
	const rows: ReportRow[] = [];
	for (const p of store.projects.sorted()) {
		if (p.budget_by === 'none') continue;
		if (isActive !== undefined && p.is_active !== isActive) continue;
		const s = get(p.id);
		const monthly = p.budget_is_monthly;
		const hours = monthly ? s.monthHours : s.hours;
		const amount = monthly ? s.monthAmount : s.amount;
		const expenses = monthly ? s.monthExpenses : s.expenses;
		let budget = 0;
		let used = 0;
		if (p.budget_by === 'project') {
			budget = p.budget ?? 0;
			used = hours;
		} else if (p.budget_by === 'project_cost') {
			budget = p.cost_budget ?? 0;
			used = amount + (p.cost_budget_include_expenses ? expenses : 0);
		} else if (p.budget_by === 'task' || p.budget_by === 'task_fees') {
			for (const ta of store.taskAssignments.values()) if (ta.project_id === p.id) budget += ta.budget ?? 0;
			used = p.budget_by === 'task' ? hours : amount;
		} else {
			for (const ua of store.userAssignments.values()) if (ua.project_id === p.id) budget += ua.budget ?? 0;
			used = hours;
		}
		const client = store.clients.get(p.client_id);
		rows.push({
			project_id: p.id, project_name: p.name, client_id: p.client_id, client_name: client?.name ?? null,
			budget_is_monthly: monthly, budget_by: p.budget_by, is_active: p.is_active, budget: round2(budget),
			budget_spent: round2(used), budget_remaining: round2(budget - used),
		});
	}
	return rows;
}
