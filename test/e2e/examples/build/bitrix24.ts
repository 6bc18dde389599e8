/**
 * Bitrix24 (guide 000), both directions. Bitrix24 → Harvest: every task event (and a nightly full pass that
 * catches anything missed) puts the task in Harvest: client from the task's CRM contact, project from its
 * workgroup, the responsible person and the participants assigned by e-mail; a closed task is inactive, a
 * reopened one active again, a moved task leaves its old project, a deleted one becomes inactive. Harvest →
 * Bitrix24: every 15 minutes the time tracked on those tasks becomes their "Time elapsed" records, new, edited
 * and deleted entries alike.
 */
import { code, harvest, http, ifTrue, keep, manual, parameterPagination, schedule, set, STAND_IN_ORIGIN, sticky, webhook, Workflow, byId } from './workflow';

const S = "$('Settings').first().json";
const WORKFLOW_ID = 'exBitrixTaskSync';
/** The webhook path Bitrix24's outbound webhook posts to (`…/webhook/bitrix24-task-events`). */
export const BITRIX24_WEBHOOK_PATH = 'bitrix24-task-events';
/** The demo's application token (`npm start` and the e2e register the stand-in's outbound webhook with it). */
export const DEMO_APPLICATION_TOKEN = 'demo-bitrix24-application-token';

/** A Bitrix24 REST method called with a JSON body (the base URL of an inbound webhook or the portal's REST). */
function bitrix(name: string, at: [number, number], method: string, body: string, extra: Parameters<typeof http>[4] = {}) {
	return http(name, at, 'bitrix24', { method: 'POST', url: `={{ ${S}.bitrixUrl }}/${method}`, json: body }, extra);
}

/** A Bitrix24 list, every page of 50 (one item per page, `{result, next, total}`). */
function bitrixList(name: string, at: [number, number], method: string, body: string) {
	return http(
		name,
		at,
		'bitrix24',
		{
			method: 'POST',
			url: `={{ ${S}.bitrixUrl }}/${method}`,
			json: body,
			pagination: parameterPagination('body', 'start', '$response.body.next', '$response.body.next === undefined'),
		},
		{ executeOnce: true },
	);
}

/** Shared by the Code nodes: Bitrix24 pages flattened, Harvest records, and the marker that ties a Harvest task to its Bitrix24 task. */
const HELPERS = `
const settings = $('Settings').first().json;
const pages = (node) => $(node).all().flatMap((page) => {
	const result = page.json.result;
	return Array.isArray(result) ? result : Array.isArray(result?.tasks) ? result.tasks : [];
});
const harvestRecords = (node) => $(node).all().map((item) => item.json).filter((record) => record.id !== undefined);
// A Harvest task carries its Bitrix24 task's ID in its name: "Title (Bitrix24 #12)". Harvest task names are
// unique account-wide, so two Bitrix24 tasks with one title stay two Harvest tasks.
const MARKER = /\\s\\(Bitrix24 #(\\d+)\\)$/;
const bitrixIdOf = (name) => MARKER.exec(name ?? '')?.[1];
const taskName = (task) => task.title.trim() + ' (Bitrix24 #' + task.id + ')';
`;

export function buildBitrix24() {
	const wf = new Workflow(WORKFLOW_ID, 'Harvest ⇄ Bitrix24: tasks to Harvest, tracked time back to the tasks');

	wf.add(
		sticky('About this workflow', [-0.3, -3.3], [820, 560], [
			'## Bitrix24 ⇄ Harvest',
			'The Bitrix24 Harvest app, step by step.',
			'**Tasks, Bitrix24 → Harvest** (on every task event, and every night for all tasks):',
			'1. The **responsible person and the participants** are found in Harvest **by e-mail**; with no Harvest account for the responsible person the task is not created.',
			'2. The task\'s CRM **contact** becomes the Harvest **client** (none: *Bitrix24 Clients*), its **workgroup** the **project** (none: *Bitrix24 Tasks*), created when missing (Create or Update: the project is found by its code `B24-G<group id>` within the client).',
			'3. The task is created in Harvest as *Title (Bitrix24 #ID)*, so equal titles stay apart and a rename follows; it is put on the project with its people. A task **moved** to another workgroup or contact leaves its old project.',
			'4. A **closed** task becomes inactive, a reopened one active; a **deleted** one inactive.',
			'**Time, Harvest → Bitrix24** (every 15 minutes): the time tracked on those tasks in the last 30 days becomes their *Time elapsed* records (comment = notes), added, corrected or removed as Harvest changes; the person by e-mail.',
			'',
			'**For production:** in **Settings** set *bitrixUrl* to your portal\'s REST URL (`https://<portal>.bitrix24.com/rest`, with a **Query Auth** credential *auth* = your token; or an inbound webhook URL `…/rest/<user>/<code>` and no credential) and *applicationToken* to the token Bitrix24 shows for the outbound webhook; point that outbound webhook (events *ONTASKADD*, *ONTASKUPDATE*, *ONTASKDELETE*) at this workflow\'s production webhook URL; pick your Harvest credential; adjust the schedules and the default client and project names.',
		].join('\n')),
	);

	// Three ways in; each says what to do, then the one Settings node.
	const event = wf.add(webhook('Bitrix24 task event', [0, 0.8], BITRIX24_WEBHOOK_PATH, WORKFLOW_ID));
	const nightly = wf.add(schedule('Every night at 2:00', [0, 1.8], { field: 'days', daysInterval: 1, triggerAtHour: 2 }));
	const tasksNow = wf.add(manual('Sync all tasks now', [0, 2.8]));
	const quarter = wf.add(schedule('Every 15 minutes', [0, 4.2], { field: 'minutes', minutesInterval: 15 }));
	const timeNow = wf.add(manual('Sync time now', [0, 5.2]));
	const allTasks = wf.add(set('All tasks', [1, 2.3], { mode: ['string', 'tasks'] }));
	const timeRun = wf.add(set('Tracked time', [1, 4.7], { mode: ['string', 'time'] }));
	const settings = wf.add(
		set(
			'Settings',
			[2, 3],
			{
				bitrixUrl: ['string', `${STAND_IN_ORIGIN}/bitrix24/rest`],
				applicationToken: ['string', DEMO_APPLICATION_TOKEN],
				defaultClient: ['string', 'Bitrix24 Clients'],
				defaultProject: ['string', 'Bitrix24 Tasks'],
				timeFrom: ['string', "={{ $today.minus({ days: 30 }).toFormat('yyyy-MM-dd') }}"],
			},
			{ keepInput: true },
		),
	);
	wf.connect(event, settings);
	wf.connect(nightly, allTasks);
	wf.connect(tasksNow, allTasks);
	wf.connect(quarter, timeRun);
	wf.connect(timeNow, timeRun);
	wf.connect(allTasks, settings);
	wf.connect(timeRun, settings);

	// ---- Tasks: Bitrix24 → Harvest ---------------------------------------------------------------------------
	const isTime = wf.add(ifTrue('Time or tasks?', [3, 3], "$json.mode === 'time'"));
	wf.connect(settings, isTime);
	const which = wf.add(
		code(
			'Which tasks',
			[4, 0.8],
			`
const settings = $('Settings').first().json;
const body = $json.body;
if (!body) return { json: { taskId: null } };
// An event: it must carry the application token of our outbound webhook; it names one task.
const token = body['auth[application_token]'] ?? body.auth?.application_token;
if (token !== settings.applicationToken) throw new Error('A Bitrix24 event with an unknown application token was refused');
const id = body['data[FIELDS_AFTER][ID]'] ?? body.data?.FIELDS_AFTER?.ID ?? body['data[FIELDS_BEFORE][ID]'] ?? body.data?.FIELDS_BEFORE?.ID;
if (!/^\\d+$/.test(String(id ?? ''))) throw new Error('A Bitrix24 event without a task ID');
return { json: { taskId: String(id), event: body.event } };`,
			{ eachItem: true },
		),
	);
	wf.connect(isTime, which, 1);
	const tasks = wf.add(
		bitrixList('Bitrix24 tasks', [5, 0.8], 'tasks.task.list', "{ filter: $json.taskId ? { ID: $json.taskId } : {}, select: ['ID', 'TITLE', 'STATUS', 'RESPONSIBLE_ID', 'ACCOMPLICES', 'GROUP_ID', 'UF_CRM_TASK'] }"),
	);
	const users = wf.add(bitrixList('Bitrix24 users', [6, 0.8], 'user.get', '{}'));
	const groups = wf.add(bitrixList('Bitrix24 workgroups', [7, 0.8], 'sonet_group.get', '{}'));
	const contacts = wf.add(bitrixList('Bitrix24 contacts', [8, 0.8], 'crm.contact.list', "{ select: ['ID', 'NAME', 'LAST_NAME'] }"));
	const harvestUsers = wf.add(harvest('Harvest people', [9, 0.8], 'user', 'getAll', { returnAll: true, filters: { is_active: true } }, { executeOnce: true, alwaysOutputData: true }));
	const harvestTasks = wf.add(harvest('Harvest tasks', [10, 0.8], 'task', 'getAll', { returnAll: true }, { executeOnce: true, alwaysOutputData: true }));
	wf.chain(which, tasks, users, groups, contacts, harvestUsers, harvestTasks);

	const plan = wf.add(
		code('Plan the Harvest changes', [11, 0.8], `${HELPERS}
const event = $('Which tasks').first().json;
const bitrixTasks = pages('Bitrix24 tasks');
const emails = new Map(pages('Bitrix24 users').map((u) => [String(u.ID), String(u.EMAIL ?? '').trim().toLowerCase()]));
const groups = new Map(pages('Bitrix24 workgroups').map((g) => [String(g.ID), g.NAME]));
const contacts = new Map(pages('Bitrix24 contacts').map((c) => [String(c.ID), [c.NAME, c.LAST_NAME].filter(Boolean).join(' ').trim()]));
const people = new Map(harvestRecords('Harvest people').map((u) => [String(u.email).trim().toLowerCase(), u.id]));
const harvestTasks = new Map(harvestRecords('Harvest tasks').filter((t) => bitrixIdOf(t.name)).map((t) => [bitrixIdOf(t.name), t]));
const person = (bitrixUserId) => people.get(emails.get(String(bitrixUserId)) ?? '');
const out = [];
const seen = new Set();
for (const task of bitrixTasks) {
	seen.add(String(task.id));
	const responsible = person(task.responsibleId);
	const existing = harvestTasks.get(String(task.id));
	// The responsible person has no Harvest account (by e-mail): the task is not created.
	if (!responsible && !existing) continue;
	const participants = (task.accomplices ?? []).map(person).filter(Boolean);
	const contactId = (task.ufCrmTask ?? []).map(String).find((ref) => ref.startsWith('C_'))?.slice(2);
	const groupId = Number(task.groupId) > 0 ? String(task.groupId) : null;
	out.push({
		json: {
			bitrixTaskId: String(task.id),
			taskName: taskName(task),
			harvestTaskId: existing?.id ?? null,
			renameFrom: existing && existing.name !== taskName(task) ? existing.name : null,
			active: String(task.status) !== '5',
			clientName: (contactId && contacts.get(contactId)) || settings.defaultClient,
			projectName: (groupId && groups.get(groupId)) || settings.defaultProject,
			projectCode: 'B24-G' + (groupId ?? '0'),
			userIds: [...new Set([responsible, ...participants].filter(Boolean))],
			deleted: false,
		},
	});
}
// Deleted in Bitrix24: the task an event named is gone, or (nightly) a Harvest task whose Bitrix24 task no longer exists.
const gone = event.taskId ? (seen.has(event.taskId) ? [] : [event.taskId]) : [...harvestTasks.keys()].filter((id) => !seen.has(id));
for (const id of gone) {
	const task = harvestTasks.get(id);
	if (task && task.is_active) out.push({ json: { bitrixTaskId: id, harvestTaskId: task.id, deleted: true } });
}
return out;`),
	);
	wf.connect(harvestTasks, plan);

	// Renames run first (n8n runs the upper branch first), so Create or Update below finds the task by its new name.
	const renamed = wf.add(keep('Renamed in Bitrix24?', [12, -0.2], '!$json.deleted && !!$json.renameFrom'));
	const rename = wf.add(harvest('Rename task', [13, -0.2], 'task', 'update', { taskId: byId('={{ $json.harvestTaskId }}'), updateFields: { name: '={{ $json.taskName }}' } }));
	wf.chain(plan, renamed, rename);

	const deleted = wf.add(ifTrue('Deleted in Bitrix24?', [12, 0.8], '$json.deleted'));
	const deactivate = wf.add(harvest('Deactivate deleted task', [13, 0.8], 'task', 'update', { taskId: byId('={{ $json.harvestTaskId }}'), updateFields: { is_active: false } }));
	const P = "$('Plan the Harvest changes').item.json";
	const client = wf.add(harvest('Client (create or update)', [4, 2.2], 'client', 'upsert', { name: `={{ ${P}.clientName }}` }));
	const project = wf.add(
		harvest('Project (create or update)', [5, 2.2], 'project', 'upsert', {
			matchBy: 'code',
			clientId: byId('={{ $json.id }}'),
			name: `={{ ${P}.projectName }}`,
			code: `={{ ${P}.projectCode }}`,
			isBillable: true,
			billBy: 'Project',
			budgetBy: 'none',
		}),
	);
	const task = wf.add(
		harvest('Task (create or update)', [6, 2.2], 'task', 'upsert', { name: `={{ ${P}.taskName }}`, additionalFields: { is_active: `={{ ${P}.active }}` } }),
	);
	wf.connect(plan, deleted);
	wf.connect(deleted, deactivate, 0);
	wf.connect(deleted, client, 1);
	wf.chain(client, project, task);

	const assignments = wf.add(harvest('Task assignments', [7, 2.2], 'taskAssignment', 'getAll', { returnAll: true }, { executeOnce: true, alwaysOutputData: true }));
	const userAssignments = wf.add(harvest('User assignments', [8, 2.2], 'userAssignment', 'getAll', { returnAll: true }, { executeOnce: true, alwaysOutputData: true }));
	const toWrite = wf.add(
		code('Assignments to write', [9, 2.2], `${HELPERS}
const taskAssignments = harvestRecords('Task assignments');
const userAssignments = harvestRecords('User assignments');
const out = [];
// One item per planned task all the way down (client, project, task), so the lists line up by position.
const plans = $('Plan the Harvest changes').all().filter((item) => !item.json.deleted);
const projects = $('Project (create or update)').all();
const tasks = $('Task (create or update)').all();
for (let i = 0; i < tasks.length; i++) {
	const plan = plans[i].json;
	const projectId = projects[i].json.id;
	const taskId = tasks[i].json.id;
	// The task on its project (again active if it was moved back), and off every other project it was on.
	const mine = taskAssignments.filter((a) => a.task.id === taskId);
	const here = mine.find((a) => a.project.id === projectId);
	if (!here) out.push({ json: { kind: 'addTask', projectId, taskId } });
	else if (!here.is_active) out.push({ json: { kind: 'setTask', projectId, assignmentId: here.id, active: true } });
	for (const other of mine.filter((a) => a.project.id !== projectId && a.is_active)) {
		out.push({ json: { kind: 'setTask', projectId: other.project.id, assignmentId: other.id, active: false } });
	}
	// The responsible person and the participants on the project.
	for (const userId of plan.userIds) {
		const assignment = userAssignments.find((a) => a.project.id === projectId && a.user.id === userId);
		if (!assignment && !out.some((o) => o.json.kind === 'addUser' && o.json.projectId === projectId && o.json.userId === userId)) {
			out.push({ json: { kind: 'addUser', projectId, userId } });
		}
	}
}
return out;`),
	);
	wf.chain(task, assignments, userAssignments, toWrite);

	const addTask = wf.add(keep('New task assignment', [10, 1.6], "$json.kind === 'addTask'"));
	const setTask = wf.add(keep('Task assignment moved', [10, 2.4], "$json.kind === 'setTask'"));
	const addUser = wf.add(keep('New person on project', [10, 3.2], "$json.kind === 'addUser'"));
	wf.connect(toWrite, addTask);
	wf.connect(toWrite, setTask);
	wf.connect(toWrite, addUser);
	wf.connect(addTask, wf.add(harvest('Put task on project', [11, 1.6], 'taskAssignment', 'create', { projectId: byId('={{ $json.projectId }}'), taskId: byId('={{ $json.taskId }}') })));
	wf.connect(
		setTask,
		wf.add(
			harvest('Activate or deactivate task on project', [11, 2.4], 'taskAssignment', 'update', {
				projectId: byId('={{ $json.projectId }}'),
				taskAssignmentId: byId('={{ $json.assignmentId }}'),
				updateFields: { is_active: '={{ $json.active }}' },
			}),
		),
	);
	wf.connect(addUser, wf.add(harvest('Put person on project', [11, 3.2], 'userAssignment', 'create', { projectId: byId('={{ $json.projectId }}'), userId: byId('={{ $json.userId }}') })));

	// ---- Time: Harvest → Bitrix24 ----------------------------------------------------------------------------
	const entries = wf.add(
		harvest('Harvest time entries', [4, 4.7], 'timeEntry', 'getAll', { returnAll: true, filters: { from: `={{ ${S}.timeFrom }}` } }, { executeOnce: true, alwaysOutputData: true }),
	);
	wf.connect(isTime, entries, 0);
	const harvestPeople = wf.add(harvest('Harvest people (time)', [5, 4.7], 'user', 'getAll', { returnAll: true }, { executeOnce: true, alwaysOutputData: true }));
	const bitrixPeople = wf.add(bitrixList('Bitrix24 people (time)', [6, 4.7], 'user.get', '{}'));
	const records = wf.add(
		http(
			'Bitrix24 time records',
			[7, 4.7],
			'bitrix24',
			{
				method: 'POST',
				url: `={{ ${S}.bitrixUrl }}/task.elapseditem.getlist`,
				json: `{ ORDER: { ID: 'asc' }, FILTER: { '>=CREATED_DATE': ${S}.timeFrom + 'T00:00:00+00:00' }, SELECT: ['*'], PARAMS: { NAV_PARAMS: { nPageSize: 50, iNumPage: 1 } } }`,
				pagination: parameterPagination('body', 'PARAMS', '{ NAV_PARAMS: { nPageSize: 50, iNumPage: $pageCount + 1 } }', '$response.body.result.length < 50'),
			},
			{ executeOnce: true },
		),
	);
	wf.chain(entries, harvestPeople, bitrixPeople, records);
	const timePlan = wf.add(
		code('Time records to write', [8, 4.7], `${HELPERS}
// Each Harvest entry on a synced task is one Time elapsed record, found again by the tag at the end of its comment.
const TAG = /\\s?\\[Harvest #(\\d+)\\]$/;
const emails = new Map(harvestRecords('Harvest people (time)').map((u) => [u.id, String(u.email).trim().toLowerCase()]));
const bitrixUsers = new Map(pages('Bitrix24 people (time)').map((u) => [String(u.EMAIL ?? '').trim().toLowerCase(), String(u.ID)]));
const existing = new Map(pages('Bitrix24 time records').filter((r) => TAG.test(r.COMMENT_TEXT ?? '')).map((r) => [TAG.exec(r.COMMENT_TEXT)[1], r]));
const out = [];
const wanted = new Set();
for (const entry of harvestRecords('Harvest time entries')) {
	const taskId = bitrixIdOf(entry.task?.name);
	if (!taskId || entry.is_running) continue;
	wanted.add(String(entry.id));
	const fields = {
		SECONDS: Math.round(entry.hours * 3600),
		COMMENT_TEXT: ((entry.notes ?? '').trim() + ' [Harvest #' + entry.id + ']').trim(),
		CREATED_DATE: entry.spent_date + 'T12:00:00+00:00',
	};
	const userId = bitrixUsers.get(emails.get(entry.user.id) ?? '');
	if (userId) fields.USER_ID = userId;
	const record = existing.get(String(entry.id));
	if (record && record.TASK_ID !== taskId) {
		out.push({ json: { action: 'delete', params: { TASKID: record.TASK_ID, ITEMID: record.ID } } });
		out.push({ json: { action: 'add', params: { TASKID: taskId, ARFIELDS: fields } } });
	} else if (!record) {
		out.push({ json: { action: 'add', params: { TASKID: taskId, ARFIELDS: fields } } });
	} else {
		const same = Number(record.SECONDS) === fields.SECONDS && record.COMMENT_TEXT === fields.COMMENT_TEXT && record.CREATED_DATE.slice(0, 10) === entry.spent_date && (!userId || record.USER_ID === userId);
		if (!same) out.push({ json: { action: 'update', params: { TASKID: taskId, ITEMID: record.ID, ARFIELDS: fields } } });
	}
}
// Entries deleted in Harvest (or moved off a synced task) leave Bitrix24 too.
for (const [entryId, record] of existing) if (!wanted.has(entryId)) out.push({ json: { action: 'delete', params: { TASKID: record.TASK_ID, ITEMID: record.ID } } });
return out;`),
	);
	wf.connect(records, timePlan);
	const added = wf.add(keep('New entry', [9, 3.9], "$json.action === 'add'"));
	const changed = wf.add(keep('Edited entry', [9, 4.7], "$json.action === 'update'"));
	const removed = wf.add(keep('Deleted entry', [9, 5.5], "$json.action === 'delete'"));
	for (const [filter, method, name, y] of [
		[added, 'task.elapseditem.add', 'Add time record', 3.9],
		[changed, 'task.elapseditem.update', 'Update time record', 4.7],
		[removed, 'task.elapseditem.delete', 'Delete time record', 5.5],
	] as const) {
		wf.connect(timePlan, filter);
		wf.connect(filter, wf.add(bitrix(name, [10, y], method, '$json.params')));
	}

	return wf.toJSON();
}
