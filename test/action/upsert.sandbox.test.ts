/**
 * Create or Update against the sandbox: each one run twice with the same input creates once and the second
 * run sends no write at all (nothing changes, not even `updated_at`); a changed field sends a PATCH with that
 * field only; several matches fail; fields Harvest cannot change are refused. Checked in the sandbox's store
 * and request log.
 */
import type { IDataObject } from 'n8n-workflow';

import { changedFields } from '../../nodes/HarvestApp/helpers/upsert';
import { byId, trackable, useActionSandbox } from './support';

const env = useActionSandbox();
const { one } = env;

const writes = () => env.received().filter((r) => !r.startsWith('GET '));

/** Runs the same parameters twice: the second run must find the first one's record and write nothing. */
async function twice(parameters: IDataObject): Promise<{ first: IDataObject; second: IDataObject; firstWrites: string[] }> {
	const first = await one(parameters);
	const firstWrites = writes();
	env.sandbox.log.clear();
	const second = await one(parameters);
	expect(writes()).toEqual([]);
	expect(second).toEqual(first);
	return { first, second, firstWrites };
}

let clientId: number;

beforeAll(async () => {
	clientId = (await one({ resource: 'client', operation: 'create', name: 'Upsert Home Ltd', additionalFields: {} })).id as number;
});

describe('Create or Update', () => {
	it('client by name: creates once, then changes nothing, then updates only what differs', async () => {
		const params = { resource: 'client', operation: 'upsert', name: 'Sync Target GmbH', additionalFields: { currency: 'EUR', address: 'Hauptstr. 1' } };
		const { first, firstWrites } = await twice(params);
		expect(firstWrites).toEqual(['POST /v2/clients']);
		expect(env.store().clients.all().filter((c) => c.name === 'Sync Target GmbH')).toHaveLength(1);

		env.sandbox.log.clear();
		const changed = await one({ ...params, name: 'sync target gmbh', additionalFields: { currency: 'EUR', address: 'Hauptstr. 2' } });
		expect(changed).toMatchObject({ id: first.id, name: 'sync target gmbh', address: 'Hauptstr. 2', currency: 'EUR' });
		expect(writes()).toEqual([`PATCH /v2/clients/${first.id}`]);
		const patch = env.sandbox.log.entries().find((e) => e.method === 'PATCH')!;
		// Only the name's case and the address differ; the currency is not sent again.
		expect(patch.bodyBytes).toBe(JSON.stringify({ name: 'sync target gmbh', address: 'Hauptstr. 2' }).length);
	});

	it('project by name or code within its client', async () => {
		const params = {
			resource: 'project',
			operation: 'upsert',
			clientId: byId(clientId),
			name: 'Website Relaunch',
			code: 'WR-1',
			isBillable: true,
			billBy: 'Project',
			budgetBy: 'project',
			additionalFields: { budget: 120, hourly_rate: 95, notes: 'From the CRM' },
		};
		const { first, firstWrites } = await twice(params);
		expect(firstWrites).toEqual(['POST /v2/projects']);
		env.sandbox.log.clear();
		const renamed = await one({ ...params, matchBy: 'code', code: 'wr-1', name: 'Website Relaunch 2' });
		expect(renamed).toMatchObject({ id: first.id, name: 'Website Relaunch 2', code: 'wr-1' });
		expect(writes()).toEqual([`PATCH /v2/projects/${first.id}`]);
		// A code the record lacks is refused before anything is sent.
		const { error, sent } = await env.refusal({ ...params, matchBy: 'code', code: '' });
		expect([error.message, sent.length]).toEqual(['The parameter "Code" is required to find the record to update [item 0]', 0]);
	});

	it('task by name, and contact by email within its client', async () => {
		const task = await twice({ resource: 'task', operation: 'upsert', name: 'CRM Sync', additionalFields: { billable_by_default: false, default_hourly_rate: 80 } });
		expect(task.firstWrites).toEqual(['POST /v2/tasks']);
		const contact = await twice({
			resource: 'contact',
			operation: 'upsert',
			clientId: byId(clientId),
			email: 'kim.sync@example.com',
			firstName: 'Kim',
			lastName: 'Sync',
			additionalFields: { title: 'CTO', phone_office: '+1 555 0100' },
		});
		expect(contact.firstWrites).toEqual(['POST /v2/contacts']);
		expect(env.store().contacts.all().filter((c) => c.email === 'kim.sync@example.com')).toHaveLength(1);
	});

	it('time entry by external reference: a re-run never doubles it, and a changed duration is one PATCH', async () => {
		const { projectId, taskId } = trackable(env.store());
		const params = {
			resource: 'timeEntry',
			operation: 'upsert',
			externalReference: { id: 'LOG-9001', group_id: 'TASK-17', permalink: 'https://crm.example.com/tasks/17' },
			projectId: byId(projectId),
			taskId: byId(taskId),
			spentDate: '2025-05-06',
			hours: 1.5,
			additionalFields: { notes: 'Importing products' },
		};
		const { first, firstWrites } = await twice(params);
		expect(firstWrites).toEqual(['POST /v2/time_entries']);
		expect(env.sandbox.log.entries()[0].query).toMatchObject({ external_reference_id: 'LOG-9001' });
		const stored = () => env.store().timeEntries.all().filter((e) => e.external_reference?.id === 'LOG-9001');
		expect(stored()).toHaveLength(1);

		env.sandbox.log.clear();
		const longer = await one({ ...params, hours: 2.25 });
		expect(longer).toMatchObject({ id: first.id, hours: 2.25, notes: 'Importing products' });
		expect(writes()).toEqual([`PATCH /v2/time_entries/${first.id}`]);
		expect(stored()).toHaveLength(1);

		// Another person's entry with this reference cannot be taken over: Harvest cannot move entries between users.
		const other = env.store().users.all().find((u) => u.is_active && u.id !== env.store().meId)!;
		const { error, sent } = await env.refusal({ ...params, additionalFields: { user_id: byId(other.id) } });
		expect(error.message).toBe(`The matching record (ID ${first.id}) differs in user_id, which Harvest cannot change [item 0]`);
		expect(sent.map((r) => r.method)).toEqual(['GET']);
	});

	it('fails when several records match, and refuses a missing reference or duration before sending', async () => {
		const { projectId, taskId } = trackable(env.store());
		const entry = {
			resource: 'timeEntry',
			operation: 'createByDuration',
			projectId: byId(projectId),
			taskId: byId(taskId),
			spentDate: '2025-05-07',
			hours: 1,
			additionalFields: { external_reference: { id: 'SHARED-1' } },
		};
		const a = (await one(entry)).id;
		const b = (await one(entry)).id;
		const upsert = { ...entry, operation: 'upsert', externalReference: { id: 'SHARED-1' }, additionalFields: {} };
		const { error } = await env.refusal(upsert);
		expect(error.message).toBe('2 records have External Reference ID "SHARED-1"; Create or Update needs exactly one [item 0]');
		expect(String(error.description)).toContain(String(a));
		expect(String(error.description)).toContain(String(b));

		for (const [changes, message] of [
			[{ externalReference: {} }, 'The parameter "External Reference ID" is required to find the record to update [item 0]'],
			[{ hours: '' }, 'The parameter "Hours" is required, unless Started Time is given [item 0]'],
		] as const) {
			const refused = await env.refusal({ ...upsert, ...changes });
			expect([refused.error.message, refused.sent.length]).toEqual([message, 0]);
		}
	});
});

describe('changedFields', () => {
	const record = {
		id: 1,
		name: 'Acme',
		notes: 'Line one\nLine two',
		hours: 1.5,
		billable: true,
		started_time: '8:00am',
		client: { id: 7, name: 'Acme' },
		roles: ['Designer', 'Developer'],
		external_reference: { id: 'X-1', group_id: 'G', permalink: null, service: 'crm.example.com' },
		address: null,
	};

	it('keeps only what differs, comparing related records by id and times by the minute', () => {
		expect(
			changedFields(record, {
				name: 'Acme',
				notes: 'Line one\r\nLine two',
				hours: 1.5,
				billable: true,
				started_time: '08:00',
				client_id: 7,
				roles: ['Developer', 'Designer'],
				external_reference: { id: 'X-1', group_id: 'G' },
				address: '',
			}),
		).toEqual({});
		expect(
			changedFields(record, {
				hours: 1.25,
				started_time: '8:00pm',
				client_id: 8,
				roles: ['Designer'],
				external_reference: { id: 'X-1', permalink: 'https://crm.example.com/1' },
				address: '1 Main St',
				billable: false,
			}),
		).toEqual({
			hours: 1.25,
			started_time: '8:00pm',
			client_id: 8,
			roles: ['Designer'],
			external_reference: { id: 'X-1', permalink: 'https://crm.example.com/1' },
			address: '1 Main St',
			billable: false,
		});
	});
});
