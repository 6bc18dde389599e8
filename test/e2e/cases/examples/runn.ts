// Runn (guide 002): the daily one-way import, run twice, then after edits and a deletion on either side.
import assert from 'assert/strict';

import type { RunnActual, RunnTables } from '../../../counterparts/runn';
import type { E2EContext } from '../../context';
import type { Case } from '../../harness';
import { counterpartChange, describeWrites, examplesOf, harvestChange, harvestList, runExample } from './support';

const WORKFLOW = 'exRunnImport0001';
const TRIGGER = 'Sync now';

type RunnState = RunnTables;

interface HarvestEntry {
	id: number;
	spent_date: string;
	hours: number;
	billable: boolean;
	is_running: boolean;
	user: { id: number };
	project: { id: number };
}

const harvestRef = (record: { references: Array<{ referenceName: string; externalId: string }> }) =>
	record.references.find((r) => r.referenceName === 'Harvest')?.externalId;

function byRef<T extends { references: Array<{ referenceName: string; externalId: string }> }>(records: T[], id: number): T[] {
	return records.filter((r) => harvestRef(r) === String(id));
}

function isoDay(offsetDays: number): string {
	return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** Minutes per (date, Runn person, Runn project) that Harvest's entries add up to, the way Runn should hold them. */
function expectedActuals(state: RunnState, entries: HarvestEntry[]): Map<string, { billable: number; nonbillable: number }> {
	const expected = new Map<string, { billable: number; nonbillable: number }>();
	for (const entry of entries) {
		if (entry.is_running) continue;
		const [person] = byRef(state.people, entry.user.id);
		const [project] = byRef(state.projects, entry.project.id);
		if (!person || !project) continue;
		const key = `${entry.spent_date}/${person.id}/${project.id}`;
		const day = expected.get(key) ?? { billable: 0, nonbillable: 0 };
		day[entry.billable ? 'billable' : 'nonbillable'] += entry.hours;
		expected.set(key, day);
	}
	return expected;
}

function actualsOf(state: RunnState): Map<string, RunnActual> {
	return new Map(state.actuals.map((a) => [`${a.date}/${a.personId}/${a.projectId}`, a]));
}

export const runnCases: Array<Case<E2EContext>> = [
	{
		name: 'examples: Runn — new clients, projects and people imported by Harvest ID, actuals synced; a second run writes nothing; Harvest edits and deletions reach the actuals once; Runn edits are kept',
		lane: 'examples',
		timeoutMs: 300_000,
		run: async (ctx) => {
			const runn = examplesOf(ctx).world.counterparts.runn;
			const state = () => runn.state() as unknown as RunnState;
			const linked = examplesOf(ctx).world.demo.runnLinkedClient;

			// 1. First run: everything active in Harvest arrives once, matched by Harvest ID only.
			const first = await runExample(ctx, WORKFLOW, TRIGGER, runn);
			assert.deepEqual(first.harvestWrites, [], 'the import never writes to Harvest');
			const after = state();
			const clients = await harvestList<{ id: number; name: string }>(ctx, '/clients?is_active=true', 'clients');
			for (const client of clients) assert.equal(byRef(after.clients, client.id).length, 1, `client ${client.name} imported once`);
			assert.equal(byRef(after.clients, linked.harvestId)[0].id, linked.runnId, 'the client linked by hand in Runn is not duplicated');
			assert.ok(after.clients.some((c) => c.name === 'Internal time (Runn only)' && c.references.length === 0), 'a Runn-only client stays');
			const projects = await harvestList<{ id: number; client: { id: number } }>(ctx, '/projects?is_active=true', 'projects');
			for (const project of projects) {
				const [imported] = byRef(after.projects, project.id);
				assert.ok(imported, `project ${project.id} imported`);
				assert.equal(imported.clientId, byRef(after.clients, project.client.id)[0].id, `project ${project.id} under its client`);
			}
			const users = await harvestList<{ id: number; roles: string[] }>(ctx, '/users?is_active=true', 'users');
			for (const user of users) {
				const people = byRef(after.people, user.id);
				assert.equal(people.length, 1, `person ${user.id} imported once`);
				const contract = after.contracts.find((c) => c.personId === people[0].id)!;
				const role = after.roles.find((r) => r.id === contract.roleId)!.name;
				assert.equal(role, user.roles.length === 1 ? user.roles[0] : 'Unknown', `role of person ${user.id}`);
			}
			const window = `from=${isoDay(-30)}&to=${isoDay(0)}`;
			const entries = await harvestList<HarvestEntry>(ctx, `/time_entries?${window}`, 'time_entries');
			const expected = expectedActuals(after, entries);
			assert.ok(expected.size > 5, `the demo has time to sync (${expected.size} person-days)`);
			const actuals = actualsOf(after);
			for (const [key, minutes] of expected) {
				const actual = actuals.get(key);
				assert.ok(actual, `actual ${key}`);
				assert.equal(actual.billableMinutes, Math.round(minutes.billable * 60), `billable minutes ${key}`);
				assert.equal(actual.nonbillableMinutes, Math.round(minutes.nonbillable * 60), `non-billable minutes ${key}`);
			}
			assert.equal(after.actuals.length, expected.size, 'no other actuals');

			// 2. Second run: nothing to write on either side.
			const second = await runExample(ctx, WORKFLOW, TRIGGER, runn);
			assert.deepEqual(second.counterpartWrites, [], `second run: ${describeWrites(second)}`);
			assert.deepEqual(second.harvestWrites, []);

			// 3. Edits: an hour more on one Harvest entry reaches its actual once; a renamed Harvest client and a
			// project renamed in Runn stay as Runn has them.
			const entry = entries.find((e) => !e.is_running && byRef(after.people, e.user.id).length && byRef(after.projects, e.project.id).length)!;
			await harvestChange(ctx, 'time_entries', 'update', { hours: entry.hours + 1 }, entry.id);
			await harvestChange(ctx, 'clients', 'update', { name: 'Renamed in Harvest Ltd' }, clients[0].id);
			const renamedProject = after.projects[0];
			await counterpartChange(ctx, 'runn', 'PATCH', `/projects/${renamedProject.id}`, { name: 'Renamed in Runn' });
			const edited = await runExample(ctx, WORKFLOW, TRIGGER, runn);
			assert.equal(edited.counterpartWrites.length, 1, `one bulk write: ${describeWrites(edited)}`);
			const key = `${entry.spent_date}/${byRef(after.people, entry.user.id)[0].id}/${byRef(after.projects, entry.project.id)[0].id}`;
			const before = actuals.get(key)!;
			const now = actualsOf(state()).get(key)!;
			const field = entry.billable ? 'billableMinutes' : 'nonbillableMinutes';
			assert.equal(now[field], before[field] + 60, 'the edited day has an hour more');
			assert.equal(now.id, before.id, 'the same actual was updated');
			const changed = state().actuals.filter((a) => a.updatedAt !== after.actuals.find((b) => b.id === a.id)?.updatedAt);
			assert.deepEqual(changed.map((a) => a.id), [before.id], 'only that actual changed');
			assert.equal(byRef(state().clients, clients[0].id)[0].name, byRef(after.clients, clients[0].id)[0].name, 'Runn keeps its copy of the client');
			assert.equal(state().projects.find((p) => p.id === renamedProject.id)!.name, 'Renamed in Runn', 'the Runn edit stays');
			assert.equal(state().projects.length, after.projects.length, 'nothing duplicated');
			const quiet = await runExample(ctx, WORKFLOW, TRIGGER, runn);
			assert.deepEqual(quiet.counterpartWrites, [], `after the edit: ${describeWrites(quiet)}`);

			// 4. A deleted Harvest entry takes its minutes off the day (to 0 when it was the day's only time).
			await harvestChange(ctx, 'time_entries', 'delete', undefined, entry.id);
			const deleted = await runExample(ctx, WORKFLOW, TRIGGER, runn);
			assert.equal(deleted.counterpartWrites.length, 1, `deletion: ${describeWrites(deleted)}`);
			const rest = (await harvestList<HarvestEntry>(ctx, `/time_entries?${window}`, 'time_entries')).filter(
				(e) => e.spent_date === entry.spent_date && e.user.id === entry.user.id && e.project.id === entry.project.id && e.billable === entry.billable && !e.is_running,
			);
			const remaining = Math.round(rest.reduce((sum, e) => sum + e.hours, 0) * 60);
			assert.equal(actualsOf(state()).get(key)![field], remaining, 'the day holds what Harvest still has');
		},
	},
];
