// Bitrix24 (guide 000): tasks to Harvest (full pass twice, then live events from the stand-in's outbound
// webhook into the activated workflow), tracked time back to the tasks (twice, then edits and a deletion on
// either side).
import assert from 'assert/strict';

import type { BitrixTask, ElapsedItem } from '../../../counterparts/bitrix24';
import type { E2EContext } from '../../context';
import { BITRIX24_WEBHOOK_PATH } from '../../examples/build/bitrix24';
import type { Case } from '../../harness';
import { counterpartChange, describeWrites, examplesOf, harvestChange, harvestList, runExample } from './support';

const WORKFLOW = 'exBitrixTaskSync';
const TASKS = 'Sync all tasks now';
const TIME = 'Sync time now';

interface HarvestTask {
	id: number;
	name: string;
	is_active: boolean;
}
interface Assignment {
	id: number;
	is_active: boolean;
	project: { id: number; name: string; code: string };
	task?: { id: number };
	user?: { id: number };
}
interface HarvestProject {
	id: number;
	name: string;
	code: string;
	client: { id: number; name: string };
}

const marker = (id: number) => `(Bitrix24 #${id})`;

async function harvestTask(ctx: E2EContext, bitrixId: number): Promise<HarvestTask | undefined> {
	const all = await harvestList<HarvestTask>(ctx, '/tasks', 'tasks');
	const found = all.filter((t) => t.name.endsWith(marker(bitrixId)));
	assert.ok(found.length <= 1, `one Harvest task for Bitrix24 task ${bitrixId}: ${JSON.stringify(found)}`);
	return found[0];
}

/** The projects the Harvest task is on (active assignments), as "client / project [code]". */
async function placesOf(ctx: E2EContext, taskId: number): Promise<string[]> {
	const assignments = (await harvestList<Assignment>(ctx, '/task_assignments', 'task_assignments')).filter((a) => a.task?.id === taskId && a.is_active);
	const projects = await harvestList<HarvestProject>(ctx, '/projects', 'projects');
	return assignments.map((a) => {
		const project = projects.find((p) => p.id === a.project.id)!;
		return `${project.client.name} / ${project.name} [${project.code}]`;
	});
}

async function peopleOn(ctx: E2EContext, projectCode: string, clientName: string): Promise<number[]> {
	const project = (await harvestList<HarvestProject>(ctx, '/projects', 'projects')).find((p) => p.code === projectCode && p.client.name === clientName);
	assert.ok(project, `project ${projectCode} of ${clientName}`);
	const assignments = await harvestList<Assignment>(ctx, `/user_assignments?project_id=${project.id}`, 'user_assignments');
	return assignments.filter((a) => a.is_active).map((a) => a.user!.id);
}

export const bitrix24Cases: Array<Case<E2EContext>> = [
	{
		name: 'examples: Bitrix24 — tasks to Harvest by ID with people by e-mail, twice without changes; live events: add, rename, move, close, reopen, delete; tracked time to Time elapsed, edits on either side once, deletions',
		lane: 'examples',
		timeoutMs: 400_000,
		run: async (ctx) => {
			const bitrix = examplesOf(ctx).world.counterparts.bitrix24;
			const demo = examplesOf(ctx).world.demo;
			const state = () => bitrix.state() as unknown as { tasks: BitrixTask[]; elapsed: ElapsedItem[] };
			const harvestUsers = await harvestList<{ id: number; email: string; is_active: boolean }>(ctx, '/users?is_active=true', 'users');
			const harvestIdOf = (bitrixUserId: number) => {
				const email = Object.entries(demo.bitrixUsers).find(([, id]) => id === bitrixUserId)![0];
				return harvestUsers.find((u) => u.email.toLowerCase() === email.toLowerCase())?.id;
			};
			const [t1, t2, t3, t4] = state().tasks;
			const { website, mobile } = demo.groups;

			// 1. Full pass: three tasks in Harvest, apart although two share a title; the fourth's responsible
			// person has no Harvest account, so it is not created.
			const first = await runExample(ctx, WORKFLOW, TASKS, bitrix);
			assert.deepEqual(first.counterpartWrites, [], 'tasks flow to Harvest only');
			const h1 = (await harvestTask(ctx, t1.id))!;
			const h2 = (await harvestTask(ctx, t2.id))!;
			const h3 = (await harvestTask(ctx, t3.id))!;
			assert.equal(h1.name, `Homepage wireframes ${marker(t1.id)}`);
			assert.equal(h2.name, `Homepage wireframes ${marker(t2.id)}`);
			assert.equal(await harvestTask(ctx, t4.id), undefined, 'no Harvest account for the responsible person: not created');
			assert.deepEqual(await placesOf(ctx, h1.id), [`Nora Lind / Website Relaunch [B24-G${website}]`]);
			assert.deepEqual(await placesOf(ctx, h2.id), [`Bitrix24 Clients / Mobile App [B24-G${mobile}]`]);
			assert.deepEqual(await placesOf(ctx, h3.id), ['Bitrix24 Clients / Bitrix24 Tasks [B24-G0]']);
			const onWebsite = await peopleOn(ctx, `B24-G${website}`, 'Nora Lind');
			for (const person of [t1.responsibleId, ...t1.accomplices].map(harvestIdOf).filter(Boolean)) {
				assert.ok(onWebsite.includes(person!), `responsible person and participants on the project (${person})`);
			}

			// 2. Second pass: nothing to change on either side.
			const second = await runExample(ctx, WORKFLOW, TASKS, bitrix);
			assert.deepEqual([...second.harvestWrites, ...second.counterpartWrites], [], `second pass: ${describeWrites(second)}`);

			// 3. Live: the stand-in's outbound webhook posts each task event to the activated workflow.
			const workflow = await ctx.rest.call<{ versionId: string }>('GET', `/rest/workflows/${WORKFLOW}`);
			await ctx.rest.call('POST', `/rest/workflows/${WORKFLOW}/activate`, { versionId: workflow.versionId });
			const hook = `${ctx.n8n.baseUrl}/webhook/${BITRIX24_WEBHOOK_PATH}`;
			// n8n may register the webhook a moment after activation: until then a GET says "not registered" at
			// all, afterwards "not registered for GET … make a POST request".
			for (const deadline = Date.now() + 30_000; !(await (await fetch(hook)).text()).includes('POST'); ) {
				assert.ok(Date.now() < deadline, 'the webhook is registered after activation');
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
			await bitrix.adminRoute('POST', '/handlers', { url: hook });
			try {
				const settled = async (change: () => Promise<unknown>) => {
					// Only the runs the events started (a schedule of the active workflow may start others).
					const eventRuns = async () => (await ctx.rest.executions(WORKFLOW)).filter((r) => r.mode === 'webhook');
					const before = (await eventRuns()).length;
					await change();
					const deliveries = ((await bitrix.adminRoute('GET', '/deliveries', {}))!.body as { deliveries: Array<{ status: number }> }).deliveries;
					assert.ok(deliveries.every((d) => d.status === 200), `deliveries: ${JSON.stringify(deliveries)}`);
					for (const deadline = Date.now() + 60_000; ; ) {
						const runs = await eventRuns();
						const mine = runs.slice(0, runs.length - before);
						if (mine.length > 0 && mine.every((r) => r.status !== 'running' && r.status !== 'new' && r.status !== 'waiting')) {
							assert.ok(mine.every((r) => r.status === 'success'), `event runs: ${JSON.stringify(mine.map((r) => r.status))}`);
							return;
						}
						assert.ok(Date.now() < deadline, 'the event runs finish');
						await new Promise((resolve) => setTimeout(resolve, 250));
					}
				};
				const rest = (method: string, body: unknown) => counterpartChange(ctx, 'bitrix24', 'POST', `/rest/${method}`, body);

				await settled(() => rest('tasks.task.update', { taskId: t1.id, fields: { TITLE: 'Homepage wireframes, round 2' } }));
				const renamed = (await harvestTask(ctx, t1.id))!;
				assert.deepEqual([renamed.id, renamed.name], [h1.id, `Homepage wireframes, round 2 ${marker(t1.id)}`], 'renamed, same Harvest task');

				await settled(() => rest('tasks.task.update', { taskId: t3.id, fields: { GROUP_ID: mobile } }));
				assert.deepEqual(await placesOf(ctx, h3.id), [`Bitrix24 Clients / Mobile App [B24-G${mobile}]`], 'moved: on the new project only');

				await settled(() => rest('tasks.task.complete', { taskId: t2.id }));
				assert.equal((await harvestTask(ctx, t2.id))!.is_active, false, 'closed → inactive');
				await settled(() => rest('tasks.task.renew', { taskId: t2.id }));
				assert.equal((await harvestTask(ctx, t2.id))!.is_active, true, 'reopened → active');

				let newId = 0;
				await settled(async () => {
					const added = (await rest('tasks.task.add', { fields: { TITLE: 'Launch checklist', RESPONSIBLE_ID: t2.responsibleId, ACCOMPLICES: [t1.responsibleId], GROUP_ID: website, UF_CRM_TASK: [`C_${demo.contacts.nora}`] } })) as { result: { task: { id: string } } };
					newId = Number(added.result.task.id);
				});
				const h5 = (await harvestTask(ctx, newId))!;
				assert.ok(h5 && h5.is_active, 'a task added in Bitrix24 arrives');
				assert.deepEqual(await placesOf(ctx, h5.id), [`Nora Lind / Website Relaunch [B24-G${website}]`]);

				await settled(() => rest('tasks.task.delete', { taskId: t3.id }));
				assert.equal((await harvestTask(ctx, t3.id))!.is_active, false, 'deleted → inactive');
			} finally {
				await bitrix.adminRoute('DELETE', '/handlers', {});
				await ctx.rest.call('POST', `/rest/workflows/${WORKFLOW}/deactivate`, {}).catch(() => undefined);
			}

			// 4. The events left nothing for the nightly pass; an edit made in Harvest is put back once.
			const after = await runExample(ctx, WORKFLOW, TASKS, bitrix);
			assert.deepEqual(after.harvestWrites, [], `after the events: ${describeWrites(after)}`);
			await harvestChange(ctx, 'tasks', 'update', { name: `Edited in Harvest ${marker(t1.id)}` }, h1.id);
			const restored = await runExample(ctx, WORKFLOW, TASKS, bitrix);
			assert.deepEqual(restored.harvestWrites.map((w) => `${w.method} ${w.path}`), [`PATCH /v2/tasks/${h1.id}`], describeWrites(restored));
			assert.equal((await harvestTask(ctx, t1.id))!.name, `Homepage wireframes, round 2 ${marker(t1.id)}`);

			// 5. Time: an entry on a synced task becomes its Time elapsed record, once.
			const project = (await harvestList<HarvestProject>(ctx, '/projects', 'projects')).find((p) => p.code === `B24-G${website}` && p.client.name === 'Nora Lind')!;
			const person = harvestIdOf(t1.responsibleId)!;
			const entry = await harvestChange<{ id: number; spent_date: string }>(ctx, 'time_entries', 'create', { project_id: project.id, task_id: h1.id, user_id: person, hours: 1.5, notes: 'Wireframe review' });
			const records = () => state().elapsed.filter((r) => r.COMMENT_TEXT.endsWith(`[Harvest #${entry.id}]`));
			const tracked = await runExample(ctx, WORKFLOW, TIME, bitrix);
			assert.deepEqual(tracked.harvestWrites, []);
			assert.deepEqual(tracked.counterpartWrites.map((w) => w.call), ['task.elapseditem.add'], describeWrites(tracked));
			assert.deepEqual(
				records().map((r) => [r.TASK_ID, r.SECONDS, r.COMMENT_TEXT, r.USER_ID, r.CREATED_DATE.slice(0, 10)]),
				[[String(t1.id), '5400', `Wireframe review [Harvest #${entry.id}]`, String(t1.responsibleId), entry.spent_date]],
			);
			const again = await runExample(ctx, WORKFLOW, TIME, bitrix);
			assert.deepEqual(again.counterpartWrites, [], `second time pass: ${describeWrites(again)}`);

			await harvestChange(ctx, 'time_entries', 'update', { hours: 2 }, entry.id);
			const edited = await runExample(ctx, WORKFLOW, TIME, bitrix);
			assert.deepEqual(edited.counterpartWrites.map((w) => w.call), ['task.elapseditem.update'], describeWrites(edited));
			assert.equal(records()[0].SECONDS, '7200');
			const [record] = records();
			await counterpartChange(ctx, 'bitrix24', 'POST', '/rest/task.elapseditem.update', { TASKID: t1.id, ITEMID: Number(record.ID), ARFIELDS: { SECONDS: 60 } });
			const putBack = await runExample(ctx, WORKFLOW, TIME, bitrix);
			assert.deepEqual(putBack.counterpartWrites.map((w) => w.call), ['task.elapseditem.update'], 'Harvest is the source of time');
			assert.equal(records()[0].SECONDS, '7200');
			const quiet = await runExample(ctx, WORKFLOW, TIME, bitrix);
			assert.deepEqual(quiet.counterpartWrites, [], describeWrites(quiet));

			await harvestChange(ctx, 'time_entries', 'delete', undefined, entry.id);
			const deleted = await runExample(ctx, WORKFLOW, TIME, bitrix);
			assert.deepEqual(deleted.counterpartWrites.map((w) => w.call), ['task.elapseditem.delete'], describeWrites(deleted));
			assert.deepEqual(records(), []);
			const done = await runExample(ctx, WORKFLOW, TIME, bitrix);
			assert.deepEqual(done.counterpartWrites, [], describeWrites(done));
		},
	},
];
