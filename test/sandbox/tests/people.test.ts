import { startSandbox, type Sandbox } from '../index';
import { api, sandboxDate } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ seed: 71, records: 200, rateLimits: false });
});
afterAll(() => sb.close());

async function freshUser(): Promise<number> {
	const res = await api(sb, 'POST', '/users', { json: { first_name: 'Rate', last_name: `Person ${Math.random()}`, email: `rate.${Date.now()}.${Math.random()}@example.com`, default_hourly_rate: 80, cost_rate: 40 } });
	expect(res.status).toBe(201);
	return res.json.id;
}

describe('billable and cost rates', () => {
	test('a new user starts with one open-ended rate of each kind', async () => {
		const user = await freshUser();
		expect((await api(sb, 'GET', `/users/${user}/billable_rates`)).json.billable_rates).toEqual([expect.objectContaining({ amount: 80, start_date: null, end_date: null })]);
		expect((await api(sb, 'GET', `/users/${user}/cost_rates`)).json.cost_rates).toEqual([expect.objectContaining({ amount: 40, start_date: null, end_date: null })]);
	});

	test('a dated rate ends the previous one the day before; an earlier date replaces the later rates', async () => {
		const user = await freshUser();
		const d = (n: number) => sandboxDate(sb, n);
		await api(sb, 'POST', `/users/${user}/billable_rates`, { json: { amount: 90, start_date: d(-100) } });
		await api(sb, 'POST', `/users/${user}/billable_rates`, { json: { amount: 100, start_date: d(-50) } });
		let rates = (await api(sb, 'GET', `/users/${user}/billable_rates`)).json.billable_rates;
		expect(rates.map((r: any) => [r.amount, r.start_date, r.end_date])).toEqual([
			[80, null, d(-101)],
			[90, d(-100), d(-51)],
			[100, d(-50), null],
		]);
		expect((await api(sb, 'GET', `/users/${user}`)).json.default_hourly_rate).toBe(100);
		// Starting before the two dated rates replaces both of them.
		const earlier = await api(sb, 'POST', `/users/${user}/billable_rates`, { json: { amount: 95, start_date: d(-120) } });
		expect(earlier.status).toBe(201);
		rates = (await api(sb, 'GET', `/users/${user}/billable_rates`)).json.billable_rates;
		expect(rates.map((r: any) => [r.amount, r.start_date, r.end_date])).toEqual([
			[80, null, d(-121)],
			[95, d(-120), null],
		]);
		expect((await api(sb, 'GET', `/users/${user}/billable_rates/${earlier.json.id}`)).json.amount).toBe(95);
		expect((await api(sb, 'GET', `/users/${user}`)).json.default_hourly_rate).toBe(95);
	});

	test('a rate without start_date replaces all of them; future dates are refused', async () => {
		const user = await freshUser();
		await api(sb, 'POST', `/users/${user}/cost_rates`, { json: { amount: 45, start_date: sandboxDate(sb, -10) } });
		const all = await api(sb, 'POST', `/users/${user}/cost_rates`, { json: { amount: 55 } });
		expect(all.status).toBe(201);
		expect((await api(sb, 'GET', `/users/${user}/cost_rates`)).json.cost_rates).toEqual([expect.objectContaining({ id: all.json.id, amount: 55, start_date: null, end_date: null })]);
		expect((await api(sb, 'GET', `/users/${user}`)).json.cost_rate).toBe(55);
		const future = await api(sb, 'POST', `/users/${user}/cost_rates`, { json: { amount: 1, start_date: sandboxDate(sb, 3) } });
		expect(future.status).toBe(422);
		expect((await api(sb, 'POST', `/users/${user}/cost_rates`, { json: {} })).status).toBe(422);
	});

	test('a rate of another user is a 404', async () => {
		const a = await freshUser();
		const b = await freshUser();
		const rate = (await api(sb, 'GET', `/users/${a}/billable_rates`)).json.billable_rates[0];
		expect((await api(sb, 'GET', `/users/${b}/billable_rates/${rate.id}`)).status).toBe(404);
	});
});

describe('teammates', () => {
	test('PATCH replaces the set and grants people_manager; an empty set removes it', async () => {
		const store = sb.store.account();
		const manager = await api(sb, 'POST', '/users', { json: { first_name: 'Mia', last_name: 'Manager', email: 'mia.manager@example.com', access_roles: ['manager'] } });
		const members = store.users.filter((u) => u.access_roles.includes('member')).slice(0, 3).map((u) => u.id);
		const first = await api(sb, 'PATCH', `/users/${manager.json.id}/teammates`, { json: { teammate_ids: members.slice(0, 2) } });
		expect(first.status).toBe(200);
		expect(Object.keys(first.json)).toEqual(['teammates']);
		expect(first.json.teammates.map((t: any) => t.id).sort()).toEqual(members.slice(0, 2).sort());
		expect(first.json.teammates[0]).toEqual({ id: expect.any(Number), first_name: expect.any(String), last_name: expect.any(String), email: expect.any(String) });
		expect((await api(sb, 'GET', `/users/${manager.json.id}`)).json.access_roles).toEqual(['manager', 'people_manager']);
		const second = await api(sb, 'PATCH', `/users/${manager.json.id}/teammates`, { json: { teammate_ids: [members[2]] } });
		expect(second.json.teammates.map((t: any) => t.id)).toEqual([members[2]]);
		const listed = await api(sb, 'GET', `/users/${manager.json.id}/teammates`);
		expect(listed.json.teammates.map((t: any) => t.id)).toEqual([members[2]]);
		expect(listed.json.total_entries).toBe(1);
		const none = await api(sb, 'PATCH', `/users/${manager.json.id}/teammates`, { json: { teammate_ids: [] } });
		expect(none.json.teammates).toEqual([]);
		expect((await api(sb, 'GET', `/users/${manager.json.id}`)).json.access_roles).toEqual(['manager']);
	});

	test('only managers have teammates (422 otherwise); unknown teammates are 422', async () => {
		const store = sb.store.account();
		const member = store.users.find((u) => u.access_roles.includes('member')) as { id: number };
		expect((await api(sb, 'GET', `/users/${member.id}/teammates`)).status).toBe(422);
		expect((await api(sb, 'PATCH', `/users/${member.id}/teammates`, { json: { teammate_ids: [] } })).status).toBe(422);
		const manager = store.users.find((u) => u.access_roles.includes('manager')) as { id: number };
		expect((await api(sb, 'PATCH', `/users/${manager.id}/teammates`, { json: { teammate_ids: [42] } })).status).toBe(422);
		expect((await api(sb, 'PATCH', `/users/${manager.id}/teammates`, { json: {} })).status).toBe(422);
	});
});

describe('users and roles', () => {
	test('roles link users both ways; deleting a role unlinks it', async () => {
		const user = await freshUser();
		const role = await api(sb, 'POST', '/roles', { json: { name: 'Illustrator', user_ids: [user] } });
		expect(role.json).toMatchObject({ name: 'Illustrator', user_ids: [user] });
		expect((await api(sb, 'GET', `/users/${user}`)).json.roles).toEqual(['Illustrator']);
		await api(sb, 'PATCH', `/users/${user}`, { json: { roles: ['Illustrator', 'Animator'] } });
		const roles = (await api(sb, 'GET', '/roles')).json.roles;
		expect(roles.find((r: any) => r.name === 'Animator').user_ids).toEqual([user]);
		await api(sb, 'DELETE', `/roles/${role.json.id}`);
		expect((await api(sb, 'GET', `/users/${user}`)).json.roles).toEqual(['Animator']);
		expect((await api(sb, 'POST', '/roles', { json: { name: 'Ghosts', user_ids: [1] } })).status).toBe(422);
	});

	test('access roles are validated; /users/me is the token owner', async () => {
		expect((await api(sb, 'POST', '/users', { json: { first_name: 'A', last_name: 'B', email: 'ab@example.com', access_roles: ['member', 'project_creator'] } })).status).toBe(422);
		expect((await api(sb, 'POST', '/users', { json: { first_name: 'A', last_name: 'B', email: 'not-an-email' } })).status).toBe(422);
		const me = await api(sb, 'GET', '/users/me');
		expect(me.json).toMatchObject({ id: sb.store.account().meId, first_name: 'Alex', last_name: 'Morgan', access_roles: ['administrator'] });
	});

	test('an archived user keeps their name until reactivated', async () => {
		const user = await freshUser();
		await api(sb, 'PATCH', `/users/${user}`, { json: { is_active: false } });
		expect((await api(sb, 'PATCH', `/users/${user}`, { json: { first_name: 'Renamed' } })).status).toBe(422);
		const back = await api(sb, 'PATCH', `/users/${user}`, { json: { first_name: 'Renamed', is_active: true } });
		expect(back.json).toMatchObject({ first_name: 'Renamed', is_active: true });
	});

	test('project assignments list the active assignments of a user with tasks', async () => {
		const me = await api(sb, 'GET', '/users/me/project_assignments');
		const store = sb.store.account();
		expect(me.json.total_entries).toBe(store.userAssignments.filter((ua) => ua.user_id === store.meId && ua.is_active).length);
		const first = me.json.project_assignments[0];
		expect(first).toMatchObject({ project: { id: expect.any(Number) }, client: { id: expect.any(Number) } });
		expect(first.task_assignments.map((t: any) => t.task.id).sort()).toEqual(
			store.taskAssignments.filter((ta) => ta.project_id === first.project.id && ta.is_active).map((ta) => ta.task_id).sort(),
		);
	});

	test('company: only wants_timestamp_timers and weekly_capacity change', async () => {
		const before = (await api(sb, 'GET', '/company')).json;
		const res = await api(sb, 'PATCH', '/company', { json: { weekly_capacity: 144000, name: 'Renamed Co', wants_timestamp_timers: true } });
		expect(res.json).toEqual({ ...before, weekly_capacity: 144000, wants_timestamp_timers: true });
		await api(sb, 'PATCH', '/company', { json: { weekly_capacity: before.weekly_capacity, wants_timestamp_timers: before.wants_timestamp_timers } });
	});
});
