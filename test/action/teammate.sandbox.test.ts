/**
 * Teammates against the sandbox: Set Teammates replaces the whole set (an empty list unassigns everyone),
 * and the people picker lists active users by name.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, node, useActionSandbox } from './support';

const env = useActionSandbox();
const { exec, one } = env;

let managerId: number;
let members: number[];

beforeAll(() => {
	const users = env.store().users.all().filter((u) => u.is_active);
	managerId = users.find((u) => u.access_roles.includes('manager'))!.id;
	members = users.filter((u) => !u.access_roles.includes('manager')).map((u) => u.id).slice(0, 3);
	expect(members).toHaveLength(3);
});

const ids = (records: unknown) => (records as IDataObject[]).map((r) => r.id).sort();
const setTeammates = (teammateIds: number[] | string, userId = managerId) =>
	one({ resource: 'teammate', operation: 'set', userId: byId(userId), teammateIds });
const listTeammates = () => exec({ resource: 'teammate', operation: 'getAll', userId: byId(managerId), returnAll: true });

describe('teammate (sandbox)', () => {
	it('replaces the whole set, then an empty list unassigns everyone', async () => {
		const [a, b, c] = members;
		expect(ids((await setTeammates([a, b])).teammates)).toEqual([a, b].sort());
		expect(ids(await listTeammates())).toEqual([a, b].sort());
		// From an expression: comma-separated IDs. The earlier two are no longer teammates.
		expect(ids((await setTeammates(`${c}`)).teammates)).toEqual([c]);
		expect(ids(await listTeammates())).toEqual([c]);
		const cleared = await setTeammates([]);
		expect(cleared).toEqual({ teammates: [] });
		expect(await listTeammates()).toEqual([]);
		expect(env.store().users.get(managerId)!.access_roles).not.toContain('people_manager');
		const patches = env.sandbox.log.entries().filter((e) => e.method === 'PATCH');
		expect(patches.map((e) => e.path)).toEqual(Array(3).fill(`/v2/users/${managerId}/teammates`));
	});

	it('passes on Harvest’s refusal for a user who is not a manager', async () => {
		const { error } = await env.refusal({ resource: 'teammate', operation: 'set', userId: byId(members[0]), teammateIds: [members[1]] });
		expect(error.message).toMatch(/not a Manager/);
	});

	it('sends nothing for a teammate ID that is not a number', async () => {
		const { error } = await env.refusal({ resource: 'teammate', operation: 'set', userId: byId(managerId), teammateIds: '12, twelve' });
		expect(error.message).toMatch(/^The parameter "Teammate Names or IDs" must be a positive whole number, not " ?twelve" \[item 0\]$/);
		expect(env.received()).toEqual([]);
	});

	it('offers active users by name in the people picker', async () => {
		const ctx = env.loadOptions();
		const options = await node.methods.loadOptions.getUsers.call(ctx);
		const active = env.store().users.all().filter((u) => u.is_active);
		expect(options.map((o) => o.value).sort()).toEqual(active.map((u) => u.id).sort());
		const first = active[0];
		expect(options).toContainEqual({ name: `${first.first_name} ${first.last_name}`, value: first.id, description: first.email });
		expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((x, y) => x.localeCompare(y)));
	});
});
