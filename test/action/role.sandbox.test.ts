/** Roles against the sandbox: a round trip whose people come from the user picker (or IDs), and input checks. */

import { byId, useActionSandbox } from './support';

const env = useActionSandbox();
const { exec, one } = env;

let members: number[];

beforeAll(() => {
	members = env.store().users.all().filter((u) => u.is_active).map((u) => u.id).slice(0, 3);
});

describe('role (sandbox)', () => {
	it('round-trips create → get → update (replacing its people) → list → delete', async () => {
		const [a, b, c] = members;
		const created = await one({ resource: 'role', operation: 'create', name: 'Night Shift', additionalFields: { user_ids: [a, b] } });
		expect(created).toMatchObject({ name: 'Night Shift' });
		expect([...(created.user_ids as number[])].sort()).toEqual([a, b].sort());
		const id = created.id as number;
		expect(await one({ resource: 'role', operation: 'get', roleId: byId(id) })).toMatchObject({ id, name: 'Night Shift' });
		const updated = await one({ resource: 'role', operation: 'update', roleId: byId(id), updateFields: { name: 'Late Shift', user_ids: `${c}` } });
		expect(updated).toMatchObject({ id, name: 'Late Shift', user_ids: [c] });
		const roles = await exec({ resource: 'role', operation: 'getAll', returnAll: false, limit: 500 });
		expect(roles.map((r) => r.name)).toContain('Late Shift');
		expect(await exec({ resource: 'role', operation: 'delete', roleId: byId(id) })).toEqual([{ deleted: true }]);
		expect(env.store().roles.get(id)).toBeUndefined();
	});

	it('sends nothing without a name or with a negative user ID', async () => {
		const unnamed = await env.refusal({ resource: 'role', operation: 'create', name: ' ', additionalFields: {} });
		expect(unnamed.error.message).toBe('The parameter "Name" is required [item 0]');
		const negative = await env.refusal({ resource: 'role', operation: 'create', name: 'X', additionalFields: { user_ids: [-3] } });
		expect(negative.error.message).toMatch(/"User Names or IDs" must be a positive whole number, not -3/);
		expect(env.received()).toEqual([]);
	});
});
