import { created, emptyOk, listOf, must, ok } from '../context';
import { unprocessable } from '../errors';
import { assign, blank, type Fields } from '../fields';
import { boolEq, idEq, updatedSince } from '../filters';
import { BILL_BY, BUDGET_BY, type ProjectRow } from '../model';
import { presentProject } from '../present';
import type { Router } from '../router';
import type { AccountStore } from '../store';
import { nonNegative, ref } from './helpers';

/** Optional project fields shared by create and update (undefined = not sent). */
function projectFields(store: AccountStore, body: Fields): Partial<ProjectRow> {
	const clientId = body.has('client_id') ? body.requireInt('client_id') : undefined;
	if (clientId !== undefined) ref(store.clients, clientId, 'Client');
	const numbers = {
		hourly_rate: body.num('hourly_rate'),
		budget: body.num('budget'),
		cost_budget: body.num('cost_budget'),
		fee: body.num('fee'),
		over_budget_notification_percentage: body.num('over_budget_notification_percentage') ?? undefined,
	};
	for (const [k, v] of Object.entries(numbers)) nonNegative(v, k);
	const startsOn = body.date('starts_on');
	const endsOn = body.date('ends_on');
	if (startsOn && endsOn && endsOn < startsOn) throw unprocessable('Ends on must be after the start date');
	return {
		client_id: clientId,
		name: body.has('name') ? body.requireStr('name') : undefined,
		code: body.str('code'),
		is_active: body.bool('is_active') ?? undefined,
		is_billable: body.bool('is_billable') ?? undefined,
		is_fixed_fee: body.bool('is_fixed_fee') ?? undefined,
		bill_by: body.has('bill_by') ? (body.oneOf('bill_by', BILL_BY) ?? undefined) : undefined,
		budget_by: body.has('budget_by') ? (body.oneOf('budget_by', BUDGET_BY) ?? undefined) : undefined,
		budget_is_monthly: body.bool('budget_is_monthly') ?? undefined,
		cost_budget_include_expenses: body.bool('cost_budget_include_expenses') ?? undefined,
		notify_when_over_budget: body.bool('notify_when_over_budget') ?? undefined,
		show_budget_to_all: body.bool('show_budget_to_all') ?? undefined,
		notes: body.str('notes'),
		starts_on: startsOn,
		ends_on: endsOn,
		...numbers,
	};
}

export function registerProjects(r: Router): void {
	r.get('/projects', (ctx) =>
		listOf(ctx, ctx.store.projects, {
			key: 'projects', kind: 'cursor', present: presentProject,
			filters: [
				boolEq(ctx.query, 'is_active', (p) => p.is_active),
				idEq(ctx.query, 'client_id', (p) => p.client_id),
				updatedSince(ctx.query),
			],
		}),
	);

	r.post('/projects', ({ store, body, pc }) => {
		for (const f of ['client_id', 'name', 'is_billable', 'bill_by', 'budget_by']) {
			if (!body.has(f) || body.raw[f] === null || body.raw[f] === '') throw blank(f);
		}
		const f = projectFields(store, body);
		const row = store.create(store.projects, {
			client_id: f.client_id as number,
			name: f.name as string,
			code: f.code ?? null,
			is_active: f.is_active ?? true,
			is_billable: f.is_billable as boolean,
			is_fixed_fee: f.is_fixed_fee ?? false,
			bill_by: f.bill_by as string,
			hourly_rate: f.hourly_rate ?? null,
			budget_by: f.budget_by as string,
			budget_is_monthly: f.budget_is_monthly ?? false,
			budget: f.budget ?? null,
			cost_budget: f.cost_budget ?? null,
			cost_budget_include_expenses: f.cost_budget_include_expenses ?? false,
			notify_when_over_budget: f.notify_when_over_budget ?? false,
			over_budget_notification_percentage: f.over_budget_notification_percentage ?? 80,
			over_budget_notification_date: null,
			show_budget_to_all: f.show_budget_to_all ?? false,
			fee: f.fee ?? null,
			notes: f.notes ?? null,
			starts_on: f.starts_on ?? null,
			ends_on: f.ends_on ?? null,
		});
		addDefaultAssignments(store, row);
		return created(presentProject(pc, row));
	});

	r.get('/projects/{projectId}', ({ store, params, pc }) => ok(presentProject(pc, must(store.projects, params.projectId))));

	r.patch('/projects/{projectId}', ({ store, params, body, pc }) => {
		const row = must(store.projects, params.projectId);
		const updates = projectFields(store, body);
		const endsOn = updates.ends_on !== undefined ? updates.ends_on : row.ends_on;
		const startsOn = updates.starts_on !== undefined ? updates.starts_on : row.starts_on;
		if (startsOn && endsOn && endsOn < startsOn) throw unprocessable('Ends on must be after the start date');
		store.touch(store.projects, row, (p) => assign(p, updates));
		return ok(presentProject(pc, row));
	});

	// Deleting a project deletes its time entries, expenses and assignments; invoices stay.
	r.delete('/projects/{projectId}', ({ store, params }) => {
		const row = must(store.projects, params.projectId);
		for (const e of store.timeEntries.filter((x) => x.project_id === row.id)) store.timeEntries.delete(e.id);
		for (const e of store.expenses.filter((x) => x.project_id === row.id)) store.expenses.delete(e.id);
		for (const a of store.userAssignments.filter((x) => x.project_id === row.id)) store.userAssignments.delete(a.id);
		for (const a of store.taskAssignments.filter((x) => x.project_id === row.id)) store.taskAssignments.delete(a.id);
		store.projects.delete(row.id);
		return emptyOk();
	});
}

/** What Harvest does on project creation: default tasks, the creator as manager, "all future projects" users. */
function addDefaultAssignments(store: AccountStore, project: ProjectRow): void {
	for (const task of store.tasks.sorted().slice().reverse()) {
		if (!task.is_default || !task.is_active) continue;
		store.create(store.taskAssignments, {
			project_id: project.id, task_id: task.id, is_active: true, billable: task.billable_by_default,
			hourly_rate: task.default_hourly_rate, budget: null,
		});
	}
	const users = store.users.sorted().slice().reverse().filter((u) => u.is_active && (u.id === store.meId || u.has_access_to_all_future_projects));
	for (const user of users) {
		store.create(store.userAssignments, {
			project_id: project.id, user_id: user.id, is_active: true, is_project_manager: user.id === store.meId,
			use_default_rates: true, hourly_rate: user.default_hourly_rate, budget: null,
		});
	}
}
