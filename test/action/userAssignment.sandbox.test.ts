/**
 * User, task and project assignments against the sandbox: round trips, Get Many across all projects or for
 * one project (an optional picker), Harvest's delete rule, and input checks that send nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, fromList, useActionSandbox } from './support';

const env = useActionSandbox();
const { exec, one } = env;

const noProject = { __rl: true, mode: 'list', value: '' };

/** An active project and an active user or task not on it yet. */
function freePair(kind: 'user' | 'task'): { projectId: number; otherId: number } {
	const store = env.store();
	for (const project of store.projects.all().filter((p) => p.is_active)) {
		const other =
			kind === 'user'
				? store.users.all().find((u) => u.is_active && !store.userAssignmentFor(project.id, u.id))
				: store.tasks.all().find((t) => t.is_active && !store.taskAssignmentFor(project.id, t.id));
		if (other) return { projectId: project.id, otherId: other.id };
	}
	throw new Error(`no free ${kind} in the sandbox data`);
}

describe('user assignment (sandbox)', () => {
	it('round-trips create → get → update → list (project and account-wide) → delete', async () => {
		const { projectId, otherId: userId } = freePair('user');
		const created = await one({
			resource: 'userAssignment',
			operation: 'create',
			projectId: fromList(projectId),
			userId: byId(userId),
			additionalFields: { is_project_manager: true, use_default_rates: false, hourly_rate: 95, budget: 40 },
		});
		expect(created).toMatchObject({
			project: { id: projectId },
			user: { id: userId },
			is_project_manager: true,
			use_default_rates: false,
			hourly_rate: 95,
			budget: 40,
		});
		const id = created.id as number;
		const ids = { projectId: byId(projectId), userAssignmentId: id };
		expect(await one({ resource: 'userAssignment', operation: 'get', ...ids })).toMatchObject({ id });
		expect(await one({ resource: 'userAssignment', operation: 'update', ...ids, updateFields: { hourly_rate: 110, is_active: false } })).toMatchObject({
			hourly_rate: 110,
			is_active: false,
		});
		const onProject = await exec({ resource: 'userAssignment', operation: 'getAll', projectId: byId(projectId), returnAll: true, filters: { is_active: false } });
		expect(onProject.map((a) => a.id)).toContain(id);
		expect(onProject.every((a) => (a.project as IDataObject).id === projectId && a.is_active === false)).toBe(true);
		const everywhere = await exec({ resource: 'userAssignment', operation: 'getAll', projectId: noProject, returnAll: true, filters: { user_id: byId(userId) } });
		expect(everywhere.map((a) => a.id)).toContain(id);
		expect(everywhere.every((a) => (a.user as IDataObject).id === userId)).toBe(true);
		expect(env.received().filter((r) => r.startsWith('GET') && r.endsWith('user_assignments'))).toEqual([
			`GET /v2/projects/${projectId}/user_assignments`,
			'GET /v2/user_assignments',
		]);
		expect(await exec({ resource: 'userAssignment', operation: 'delete', ...ids })).toEqual([{ deleted: true }]);
		expect(env.store().userAssignments.get(id)).toBeUndefined();
	});

	it('passes on Harvest’s refusal to delete an assignment with tracked time', async () => {
		const store = env.store();
		const entry = store.timeEntries.all()[0];
		const assignment = store.userAssignmentFor(entry.project_id, entry.user_id)!;
		const { error } = await env.refusal(
			{ resource: 'userAssignment', operation: 'delete', projectId: byId(entry.project_id), userAssignmentId: String(assignment.id) },
		);
		expect(error.message).toMatch(/time entries or expenses/);
		expect(store.userAssignments.get(assignment.id)).toBeDefined();
	});

	it.each([
		['a non-numeric assignment id', { userAssignmentId: 'abc' }, /"User Assignment" must be a positive whole number/],
		['a negative hourly rate', { updateFields: { hourly_rate: -5 } }, /"Hourly Rate" cannot be negative/],
		[
			'a project URL of another site',
			{ projectId: { __rl: true, mode: 'url', value: 'https://example.com/projects/1' } },
			/Project.*(invalid|positive whole number)/,
		],
	])('sends nothing for %s', async (_, override, message) => {
		const { error } = await env.refusal(
			{ resource: 'userAssignment', operation: 'update', projectId: byId(1), userAssignmentId: '2', updateFields: { budget: 1 }, ...override },
		);
		expect(error.message).toMatch(message);
		expect(env.received()).toEqual([]);
	});
});

describe('task assignment (sandbox)', () => {
	it('round-trips create → get → update → list (project and account-wide) → delete', async () => {
		const { projectId, otherId: taskId } = freePair('task');
		const created = await one({
			resource: 'taskAssignment',
			operation: 'create',
			projectId: byId(projectId),
			taskId: byId(taskId),
			additionalFields: { billable: true, hourly_rate: 120, budget: 10 },
		});
		expect(created).toMatchObject({ project: { id: projectId }, task: { id: taskId }, billable: true, hourly_rate: 120, budget: 10 });
		const id = created.id as number;
		const ids = { projectId: byId(projectId), taskAssignmentId: String(id) };
		expect(await one({ resource: 'taskAssignment', operation: 'get', ...ids })).toMatchObject({ id });
		expect(await one({ resource: 'taskAssignment', operation: 'update', ...ids, updateFields: { billable: false } })).toMatchObject({ billable: false });
		const onProject = await exec({ resource: 'taskAssignment', operation: 'getAll', projectId: byId(projectId), returnAll: true, filters: {} });
		expect(onProject.map((a) => a.id)).toContain(id);
		const everywhere = await exec({ resource: 'taskAssignment', operation: 'getAll', projectId: noProject, returnAll: true, filters: { is_active: true } });
		expect(everywhere.map((a) => a.id)).toContain(id);
		expect(new Set(everywhere.map((a) => (a.project as IDataObject).id)).size).toBeGreaterThan(1);
		expect(await exec({ resource: 'taskAssignment', operation: 'delete', ...ids })).toEqual([{ deleted: true }]);
	});

	it('sends nothing without a task, or for an impossible Updated Since', async () => {
		const missing = await env.refusal({ resource: 'taskAssignment', operation: 'create', projectId: byId(1), taskId: byId(''), additionalFields: {} });
		expect(missing.error.message).toBe('The parameter "Task" is required [item 0]');
		const since = await env.refusal(
			{ resource: 'taskAssignment', operation: 'getAll', projectId: noProject, returnAll: true, filters: { updated_since: 'yesterday-ish' } },
		);
		expect(since.error.message).toMatch(/"Updated Since" must be a date and time/);
		expect(env.received()).toEqual([]);
	});
});

describe('project assignment (sandbox)', () => {
	it('lists the current user’s active assignments, with projects and tasks', async () => {
		const store = env.store();
		const mine = await exec({ resource: 'projectAssignment', operation: 'getMine', returnAll: true });
		const expected = store.userAssignments.all().filter((a) => a.user_id === store.meId && a.is_active);
		expect(mine.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
		expect(mine[0]).toMatchObject({ project: { id: expect.any(Number) }, task_assignments: expect.any(Array) });
		expect(env.received()).toEqual(['GET /v2/users/me/project_assignments']);
	});

	it('lists another user’s assignments, filtered by Updated Since, one item per record paired to its input', async () => {
		const store = env.store();
		const user = store.users.all().find((u) => u.id !== store.meId && store.userAssignments.some((a) => a.user_id === u.id && a.is_active))!;
		const { items } = await env.run(
			(i) => ({
				resource: 'projectAssignment',
				operation: 'getAll',
				userId: byId(user.id),
				returnAll: true,
				filters: i === 0 ? {} : { updated_since: '2999-01-01T00:00:00Z' },
			}),
			{ items: [{ json: {} }, { json: {} }] },
		);
		const active = store.userAssignments.all().filter((a) => a.user_id === user.id && a.is_active);
		expect(items.map((i) => i.json.id).sort()).toEqual(active.map((a) => a.id).sort());
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(env.sandbox.log.entries()[1].query.updated_since).toBe('2999-01-01T00:00:00Z');
	});
});
