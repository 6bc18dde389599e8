/**
 * Find (search only) against the sandbox: every match key, exact and case-insensitive matching, archived
 * records, no match (nothing or a failure), several matches (failure, first, all), narrowing filters, and
 * that a Find never writes. Also Find or Create by email for contacts and users.
 */
import { byId, trackable, useActionSandbox } from './support';

const env = useActionSandbox();
const { exec, one } = env;

const writes = () => env.received().filter((r) => !r.startsWith('GET '));
const find = (resource: string, fields: Record<string, unknown>) => ({ resource, operation: 'find', ...fields });

let clientId: number;
let otherClientId: number;

beforeAll(async () => {
	clientId = (await one({ resource: 'client', operation: 'create', name: 'Finder Works Ltd', additionalFields: {} })).id as number;
	otherClientId = (await one({ resource: 'client', operation: 'create', name: 'Other Finder Co', additionalFields: {} })).id as number;
});

describe('Find', () => {
	it('finds a client by name, ignoring case and extra spaces unless asked to match exactly', async () => {
		expect(await exec(find('client', { name: '  finder   WORKS ltd ' }))).toMatchObject([{ id: clientId, name: 'Finder Works Ltd' }]);
		expect(await exec(find('client', { name: 'finder works ltd', matchMode: 'exact' }))).toEqual([]);
		expect(await exec(find('client', { name: 'Finder Works Ltd', matchMode: 'exact' }))).toMatchObject([{ id: clientId }]);
		// Search only: a Find asks Harvest's list and nothing else.
		expect(writes()).toEqual([]);
		expect(env.received().every((r) => r === 'GET /v2/clients')).toBe(true);
	});

	it('returns nothing when none match, or fails naming the value, and never creates', async () => {
		expect(await exec(find('client', { name: 'Nobody Of That Name' }))).toEqual([]);
		const { error } = await env.refusal(find('client', { name: 'Nobody Of That Name', noMatch: 'fail' }));
		expect(error.message).toBe('No client has Name "Nobody Of That Name" (ignoring case) [item 0]');
		expect(env.store().clients.all().some((c) => c.name === 'Nobody Of That Name')).toBe(false);
		expect(writes()).toEqual([]);
	});

	it('leaves archived records out unless Include Archived is on', async () => {
		const archived = (await one({ resource: 'client', operation: 'create', name: 'Finder Archive Inc', additionalFields: { is_active: false } })).id;
		env.sandbox.log.clear();
		expect(await exec(find('client', { name: 'Finder Archive Inc' }))).toEqual([]);
		expect(env.received()).toEqual(['GET /v2/clients']);
		expect(env.sandbox.log.entries().map((e) => e.query)).toEqual([expect.objectContaining({ is_active: 'true' })]);
		expect(await exec(find('client', { name: 'finder archive inc', includeArchived: true }))).toMatchObject([{ id: archived, is_active: false }]);
	});

	it('with several matches fails listing their IDs, or returns the first or all of them', async () => {
		const contact = (client: number) => ({
			resource: 'contact',
			operation: 'create',
			clientId: byId(client),
			firstName: 'Robin',
			additionalFields: { last_name: 'Twice', email: 'robin.twice@example.com' },
		});
		const a = (await one(contact(clientId))).id;
		const b = (await one(contact(otherClientId))).id;
		const { error, sent } = await env.refusal(find('contact', { matchBy: 'name', name: 'Robin Twice' }));
		expect(error.message).toBe('2 records have Name "Robin Twice" (ignoring case) [item 0]');
		expect(String(error.description)).toContain(`${b}`);
		expect(String(error.description)).toContain(`${a}`);
		expect(sent).toHaveLength(1);
		const all = await exec(find('contact', { matchBy: 'email', email: 'ROBIN.TWICE@example.com', severalMatch: 'all' }));
		expect(all.map((c) => c.id).sort()).toEqual([a, b].sort());
		expect(await exec(find('contact', { matchBy: 'email', email: 'robin.twice@example.com', severalMatch: 'first' }))).toHaveLength(1);
		// A filter of the list narrows the search on Harvest's side.
		expect(await exec(find('contact', { matchBy: 'email', email: 'robin.twice@example.com', filters: { client_id: byId(otherClientId) } }))).toMatchObject([
			{ id: b },
		]);
	});

	it('finds projects by code within a client, users by email, invoices and estimates by number', async () => {
		const project = await one({
			resource: 'project',
			operation: 'create',
			clientId: byId(clientId),
			name: 'Finder Project',
			isBillable: true,
			billBy: 'Project',
			budgetBy: 'none',
			additionalFields: { code: 'FND-1' },
		});
		expect(await exec(find('project', { matchBy: 'code', code: 'fnd-1', filters: { client_id: byId(clientId) } }))).toMatchObject([{ id: project.id }]);
		expect(await exec(find('project', { matchBy: 'code', code: 'fnd-1', filters: { client_id: byId(otherClientId) } }))).toEqual([]);

		const store = env.store();
		const user = store.users.all().find((u) => u.is_active)!;
		expect(await exec(find('user', { email: user.email.toUpperCase() }))).toMatchObject([{ id: user.id }]);
		expect(await exec(find('user', { matchBy: 'name', name: `${user.first_name} ${user.last_name}` }))).toMatchObject([{ id: user.id }]);

		const invoice = store.invoices.all().find((i) => i.number)!;
		expect(await exec(find('invoice', { number: invoice.number }))).toMatchObject([{ id: invoice.id, number: invoice.number }]);
		const estimate = store.estimates.all().find((e) => e.number)!;
		expect(await exec(find('estimate', { number: estimate.number, matchMode: 'exact' }))).toMatchObject([{ id: estimate.id }]);
	});

	it('finds a time entry by external reference, asking Harvest for that reference only', async () => {
		const { projectId, taskId } = trackable(env.store());
		const created = await one({
			resource: 'timeEntry',
			operation: 'createByDuration',
			projectId: byId(projectId),
			taskId: byId(taskId),
			spentDate: '2025-02-03',
			hours: 1,
			additionalFields: { external_reference: { id: 'FIND-EXT-1', group_id: 'G', permalink: 'https://tasks.example.com/1' } },
		});
		env.sandbox.log.clear();
		expect(await exec(find('timeEntry', { externalReferenceId: 'FIND-EXT-1' }))).toMatchObject([{ id: created.id }]);
		expect(env.sandbox.log.entries()).toEqual([expect.objectContaining({ path: '/v2/time_entries', query: expect.objectContaining({ external_reference_id: 'FIND-EXT-1' }) })]);
		expect(await exec(find('timeEntry', { externalReferenceId: 'find-ext-1', matchMode: 'exact' }))).toEqual([]);
	});

	it('refuses an empty value or an unknown mode before sending anything', async () => {
		for (const [fields, message] of [
			[{ name: '  ' }, 'The parameter "Name" is required [item 0]'],
			[{ name: 'x', matchMode: 'fuzzy' }, 'The parameter "Match" must be one of exact, ignoreCase, not "fuzzy" [item 0]'],
			[{ name: 'x', noMatch: 'maybe' }, 'The parameter "If None Match" must be one of empty, fail, not "maybe" [item 0]'],
			[{ name: { a: 1 } }, 'The parameter "Name" must be text, not an object ({"a":1}) [item 0]'],
		] as const) {
			const { error, sent } = await env.refusal(find('client', fields));
			expect([error.message, sent.length]).toEqual([message, 0]);
		}
	});
});

describe('Find or Create by email', () => {
	it('finds or creates a contact by email within its client: twice in a row creates once', async () => {
		const params = {
			resource: 'contact',
			operation: 'findOrCreate',
			clientId: byId(clientId),
			email: 'Dana.Sync@example.com',
			firstName: 'Dana',
			lastName: 'Sync',
			additionalFields: {},
		};
		const first = await one(params);
		const second = await one({ ...params, email: ' dana.sync@EXAMPLE.com ', firstName: 'Someone Else' });
		expect(second).toMatchObject({ id: first.id, first_name: 'Dana' });
		expect(env.received().filter((r) => r === 'POST /v2/contacts')).toHaveLength(1);
		// Another client gets a contact of its own.
		const elsewhere = await one({ ...params, clientId: byId(otherClientId) });
		expect(elsewhere.id).not.toBe(first.id);
	});

	it('finds or creates a user by email, so a re-run invites nobody twice', async () => {
		const params = { resource: 'user', operation: 'findOrCreate', email: 'new.person@example.com', firstName: 'New', lastName: 'Person', additionalFields: {} };
		const first = await one(params);
		const second = await one({ ...params, email: 'NEW.PERSON@example.com' });
		expect(second.id).toBe(first.id);
		expect(env.store().users.all().filter((u) => u.email.toLowerCase() === 'new.person@example.com')).toHaveLength(1);
		const existing = env.store().users.all().find((u) => u.is_active && u.id !== first.id)!;
		expect(await one({ ...params, email: existing.email })).toMatchObject({ id: existing.id });
	});

	it('refuses a missing email before sending anything', async () => {
		const { error, sent } = await env.refusal({ resource: 'user', operation: 'findOrCreate', email: '', firstName: 'A', lastName: 'B' });
		expect([error.message, sent.length]).toEqual(['The parameter "Email" is required [item 0]', 0]);
	});
});
