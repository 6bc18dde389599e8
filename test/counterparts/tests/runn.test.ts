import { call, useCounterparts } from './helpers';

const { get, admin } = useCounterparts();

function runn(path: string, init: Parameters<typeof call>[1] = {}) {
	const info = get().info.runn;
	return call(`${info.url}${path}`, {
		...init,
		headers: { authorization: `Bearer ${info.token}`, 'accept-version': '1.0.0', ...(init.headers as Record<string, string>) },
	});
}

beforeEach(() => admin('runn', 'POST', '/reset'));

test('refuses a wrong token and a missing Accept-Version, and logs neither secret', async () => {
	const info = get().info.runn;
	expect((await call(`${info.url}/clients`, { headers: { authorization: 'Bearer nope', 'accept-version': '1.0.0' } })).status).toBe(401);
	const noVersion = await call(`${info.url}/clients`, { headers: { authorization: `Bearer ${info.token}` } });
	expect(noVersion.status).toBe(400);
	expect(noVersion.json.message).toMatch(/Accept-Version/);
	const log = (await admin('runn', 'GET', '/requests')).json.requests;
	expect(JSON.stringify(log)).not.toContain(info.token);
});

test('records carry references; lists page with a cursor', async () => {
	for (let i = 1; i <= 3; i++) {
		const created = await runn('/clients', { method: 'POST', json: { name: `Client ${i}`, references: [{ referenceName: 'Harvest', externalId: String(i) }] } });
		expect(created.status).toBe(201);
	}
	const first = await runn('/clients?limit=2');
	expect(first.json.values.map((c: any) => c.references[0].externalId)).toEqual(['1', '2']);
	expect(first.json.nextCursor).toEqual(expect.any(String));
	const second = await runn(`/clients?limit=2&cursor=${first.json.nextCursor}`);
	expect(second.json.values.map((c: any) => c.name)).toEqual(['Client 3']);
	expect(second.json.nextCursor).toBeNull();
	expect((await runn('/clients?limit=500')).status).toBe(400);
});

test('a person gets a contract in a role; an actual is one per date, person, project and role', async () => {
	const role = (await runn('/roles', { method: 'POST', json: { name: 'Developer' } })).json;
	const client = (await runn('/clients', { method: 'POST', json: { name: 'Acme' } })).json;
	const project = (await runn('/projects', { method: 'POST', json: { name: 'Site', clientId: client.id } })).json;
	const person = (await runn('/people', { method: 'POST', json: { firstName: 'Ada', lastName: 'L', email: 'ada@example.com', roleId: role.id } })).json;
	const contracts = (await runn(`/contracts?personId=${person.id}`)).json.values;
	expect(contracts).toEqual([expect.objectContaining({ personId: person.id, roleId: role.id })]);

	const actual = { date: '2026-01-05', personId: person.id, projectId: project.id, roleId: role.id, billableMinutes: 90, nonbillableMinutes: 0 };
	const first = await runn('/actuals', { method: 'POST', json: actual });
	expect(first.status).toBe(201);
	const again = await runn('/actuals', { method: 'POST', json: actual });
	expect(again.status).toBe(200);
	expect(again.json).toEqual(first.json);
	const changed = await runn('/actuals', { method: 'POST', json: { ...actual, billableMinutes: 120 } });
	expect(changed.json).toMatchObject({ id: first.json.id, billableMinutes: 120 });
	const listed = (await runn('/actuals?minDate=2026-01-01&maxDate=2026-01-31')).json.values;
	expect(listed).toHaveLength(1);
	expect((await runn('/actuals', { method: 'POST', json: { ...actual, projectId: 999 } })).status).toBe(404);
	expect((await runn('/actuals/bulk', { method: 'POST', json: { actuals: [{ ...actual, date: '2026-01-06' }, { ...actual, roleId: 999 }] } })).status).toBe(404);
	expect((await runn('/actuals?minDate=2026-01-06')).json.values).toEqual([]);
});
