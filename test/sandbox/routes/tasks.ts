import { created, emptyOk, listOf, must, ok } from '../context';
import { unprocessable } from '../errors';
import { assign } from '../fields';
import { boolEq, updatedSince } from '../filters';
import { presentTask } from '../present';
import type { Router } from '../router';
import { nonNegative, unique } from './helpers';

export function registerTasks(r: Router): void {
	r.get('/tasks', (ctx) =>
		listOf(ctx, ctx.store.tasks, {
			key: 'tasks', kind: 'cursor', present: presentTask,
			filters: [boolEq(ctx.query, 'is_active', (t) => t.is_active), updatedSince(ctx.query)],
		}),
	);

	r.post('/tasks', ({ store, body, pc }) => {
		const name = body.requireStr('name');
		unique(store.tasks, name, (t) => t.name);
		const rate = body.num('default_hourly_rate') ?? 0;
		nonNegative(rate, 'Default hourly rate');
		const row = store.create(store.tasks, {
			name,
			billable_by_default: body.bool('billable_by_default') ?? true,
			default_hourly_rate: rate,
			is_default: body.bool('is_default') ?? false,
			is_active: body.bool('is_active') ?? true,
		});
		return created(presentTask(pc, row));
	});

	r.get('/tasks/{taskId}', ({ store, params, pc }) => ok(presentTask(pc, must(store.tasks, params.taskId))));

	r.patch('/tasks/{taskId}', ({ store, params, body, pc }) => {
		const row = must(store.tasks, params.taskId);
		const name = body.has('name') ? body.requireStr('name') : undefined;
		if (name !== undefined) unique(store.tasks, name, (t) => t.name, 'Name', row.id);
		const rate = body.num('default_hourly_rate');
		nonNegative(rate, 'Default hourly rate');
		const updates = {
			name,
			billable_by_default: body.bool('billable_by_default') ?? undefined,
			default_hourly_rate: rate,
			is_default: body.bool('is_default') ?? undefined,
			is_active: body.bool('is_active') ?? undefined,
		};
		store.touch(store.tasks, row, (t) => assign(t, updates));
		return ok(presentTask(pc, row));
	});

	r.delete('/tasks/{taskId}', ({ store, params }) => {
		const row = must(store.tasks, params.taskId);
		if (store.timeEntries.some((e) => e.task_id === row.id)) {
			throw unprocessable('This task has time entries associated with it and cannot be deleted. Archive it instead.');
		}
		for (const ta of store.taskAssignments.filter((a) => a.task_id === row.id)) store.taskAssignments.delete(ta.id);
		store.tasks.delete(row.id);
		return emptyOk();
	});
}
