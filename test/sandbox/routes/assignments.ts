import { type ApiContext, created, emptyOk, listOf, must, ok } from '../context';
import { notFound, unprocessable } from '../errors';
import { assign } from '../fields';
import { boolEq, idEq, updatedSince } from '../filters';
import type { Row } from '../model';
import { presentProjectAssignment, presentTaskAssignment, presentUserAssignment } from '../present';
import type { Router } from '../router';
import type { Table } from '../table';
import { nonNegative, ref } from './helpers';

/** An assignment addressed under its project; 404 when either is unknown or they do not match. */
function scoped<T extends Row & { project_id: number }>(ctx: ApiContext, table: Table<T>, idParam: string): T {
	must(ctx.store.projects, ctx.params.projectId);
	const row = must(table, ctx.params[idParam]);
	if (row.project_id !== ctx.params.projectId) throw notFound();
	return row;
}

export function registerAssignments(r: Router): void {
	r.get('/user_assignments', (ctx) =>
		listOf(ctx, ctx.store.userAssignments, {
			key: 'user_assignments', kind: 'cursor', present: presentUserAssignment,
			filters: [idEq(ctx.query, 'user_id', (a) => a.user_id), boolEq(ctx.query, 'is_active', (a) => a.is_active), updatedSince(ctx.query)],
		}),
	);

	r.get('/projects/{projectId}/user_assignments', (ctx) => {
		const projectId = must(ctx.store.projects, ctx.params.projectId).id;
		return listOf(ctx, ctx.store.userAssignments, {
			key: 'user_assignments', kind: 'page', present: presentUserAssignment,
			filters: [
				(a) => a.project_id === projectId,
				idEq(ctx.query, 'user_id', (a) => a.user_id),
				boolEq(ctx.query, 'is_active', (a) => a.is_active),
				updatedSince(ctx.query),
			],
		});
	});

	r.post('/projects/{projectId}/user_assignments', ({ store, params, body, pc }) => {
		const project = must(store.projects, params.projectId);
		const user = ref(store.users, body.requireInt('user_id'), 'User');
		if (store.userAssignmentFor(project.id, user.id)) throw unprocessable('User has already been assigned to this project');
		const rate = body.num('hourly_rate');
		nonNegative(rate, 'Hourly rate');
		const row = store.create(store.userAssignments, {
			project_id: project.id,
			user_id: user.id,
			is_active: body.bool('is_active') ?? true,
			is_project_manager: body.bool('is_project_manager') ?? user.access_roles.some((x) => x === 'administrator' || x === 'manager'),
			use_default_rates: body.bool('use_default_rates') ?? true,
			hourly_rate: rate ?? 0,
			budget: body.num('budget') ?? null,
		});
		return created(presentUserAssignment(pc, row));
	});

	r.get('/projects/{projectId}/user_assignments/{userAssignmentId}', (ctx) =>
		ok(presentUserAssignment(ctx.pc, scoped(ctx, ctx.store.userAssignments, 'userAssignmentId'))),
	);

	r.patch('/projects/{projectId}/user_assignments/{userAssignmentId}', (ctx) => {
		const row = scoped(ctx, ctx.store.userAssignments, 'userAssignmentId');
		const { body } = ctx;
		const rate = body.num('hourly_rate');
		nonNegative(rate, 'Hourly rate');
		const updates = {
			is_active: body.bool('is_active') ?? undefined,
			is_project_manager: body.bool('is_project_manager') ?? undefined,
			use_default_rates: body.bool('use_default_rates') ?? undefined,
			hourly_rate: rate,
			budget: body.num('budget'),
		};
		ctx.store.touch(ctx.store.userAssignments, row, (a) => assign(a, updates));
		return ok(presentUserAssignment(ctx.pc, row));
	});

	r.delete('/projects/{projectId}/user_assignments/{userAssignmentId}', (ctx) => {
		const row = scoped(ctx, ctx.store.userAssignments, 'userAssignmentId');
		const { store } = ctx;
		const used =
			store.timeEntries.some((e) => e.project_id === row.project_id && e.user_id === row.user_id) ||
			store.expenses.some((e) => e.project_id === row.project_id && e.user_id === row.user_id);
		if (used) throw unprocessable('This user assignment has time entries or expenses and cannot be deleted.');
		store.userAssignments.delete(row.id);
		return emptyOk();
	});

	r.get('/task_assignments', (ctx) =>
		listOf(ctx, ctx.store.taskAssignments, {
			key: 'task_assignments', kind: 'cursor', present: presentTaskAssignment,
			filters: [boolEq(ctx.query, 'is_active', (a) => a.is_active), updatedSince(ctx.query)],
		}),
	);

	r.get('/projects/{projectId}/task_assignments', (ctx) => {
		const projectId = must(ctx.store.projects, ctx.params.projectId).id;
		return listOf(ctx, ctx.store.taskAssignments, {
			key: 'task_assignments', kind: 'page', present: presentTaskAssignment,
			filters: [(a) => a.project_id === projectId, boolEq(ctx.query, 'is_active', (a) => a.is_active), updatedSince(ctx.query)],
		});
	});

	r.post('/projects/{projectId}/task_assignments', ({ store, params, body, pc }) => {
		const project = must(store.projects, params.projectId);
		const task = ref(store.tasks, body.requireInt('task_id'), 'Task');
		if (store.taskAssignmentFor(project.id, task.id)) throw unprocessable('Task has already been assigned to this project');
		const rate = body.num('hourly_rate');
		nonNegative(rate, 'Hourly rate');
		const row = store.create(store.taskAssignments, {
			project_id: project.id,
			task_id: task.id,
			is_active: body.bool('is_active') ?? true,
			billable: body.bool('billable') ?? false,
			hourly_rate: rate !== undefined ? rate : project.bill_by === 'Tasks' ? null : 0,
			budget: body.num('budget') ?? null,
		});
		return created(presentTaskAssignment(pc, row));
	});

	r.get('/projects/{projectId}/task_assignments/{taskAssignmentId}', (ctx) =>
		ok(presentTaskAssignment(ctx.pc, scoped(ctx, ctx.store.taskAssignments, 'taskAssignmentId'))),
	);

	r.patch('/projects/{projectId}/task_assignments/{taskAssignmentId}', (ctx) => {
		const row = scoped(ctx, ctx.store.taskAssignments, 'taskAssignmentId');
		const { body } = ctx;
		const rate = body.num('hourly_rate');
		nonNegative(rate, 'Hourly rate');
		const updates = {
			is_active: body.bool('is_active') ?? undefined,
			billable: body.bool('billable') ?? undefined,
			hourly_rate: rate,
			budget: body.num('budget'),
		};
		ctx.store.touch(ctx.store.taskAssignments, row, (a) => assign(a, updates));
		return ok(presentTaskAssignment(ctx.pc, row));
	});

	r.delete('/projects/{projectId}/task_assignments/{taskAssignmentId}', (ctx) => {
		const row = scoped(ctx, ctx.store.taskAssignments, 'taskAssignmentId');
		if (ctx.store.timeEntries.some((e) => e.project_id === row.project_id && e.task_id === row.task_id)) {
			throw unprocessable('This task assignment has time entries and cannot be deleted.');
		}
		ctx.store.taskAssignments.delete(row.id);
		return emptyOk();
	});

	r.get('/users/me/project_assignments', (ctx) =>
		listOf(ctx, ctx.store.userAssignments, {
			key: 'project_assignments', kind: 'page', present: presentProjectAssignment,
			filters: [(a) => a.user_id === ctx.store.meId && a.is_active],
		}),
	);

	r.get('/users/{userId}/project_assignments', (ctx) => {
		const userId = must(ctx.store.users, ctx.params.userId).id;
		return listOf(ctx, ctx.store.userAssignments, {
			key: 'project_assignments', kind: 'cursor', present: presentProjectAssignment,
			filters: [(a) => a.user_id === userId && a.is_active, updatedSince(ctx.query)],
		});
	});
}
