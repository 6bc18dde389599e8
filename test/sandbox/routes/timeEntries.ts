import { clockOf, entryHours, entryRates, formatClock, parseClock, round2 } from '../calc';
import { type ApiContext, created, emptyOk, listOf, must, ok } from '../context';
import { unprocessable } from '../errors';
import type { Fields } from '../fields';
import { boolEq, dateRange, idEq, strEq, updatedSince } from '../filters';
import { APPROVAL_STATUSES, type ExternalReference, type TimeEntryRow } from '../model';
import { presentTimeEntry } from '../present';
import type { Router } from '../router';
import type { AccountStore } from '../store';
import { ref } from './helpers';

function externalReference(body: Fields): ExternalReference | null | undefined {
	const ext = body.object('external_reference');
	if (ext === undefined || ext === null) return ext;
	const id = ext.str('id');
	if (!id) throw unprocessable("External reference id can't be blank");
	const permalink = ext.str('permalink') ?? null;
	let host: string | null = null;
	if (permalink) {
		try {
			host = new URL(permalink).hostname;
		} catch {
			throw unprocessable('External reference permalink is not a valid URL');
		}
	}
	return {
		id,
		group_id: ext.str('group_id') ?? null,
		account_id: ext.str('account_id') ?? null,
		permalink,
		service: host,
		service_icon_url: host ? `https://${host}/favicon.ico` : null,
	};
}

function clockField(body: Fields, name: string): number | null | undefined {
	const v = body.str(name);
	if (v === undefined || v === null || v === '') return v === '' ? null : v;
	const minutes = parseClock(v);
	if (minutes === null) throw unprocessable(`${name === 'started_time' ? 'Started' : 'Ended'} time is not a valid time (e.g. "8:00am" or "14:30")`);
	return minutes;
}

/** The project/task/user combination must exist and be assigned, as Harvest requires to track time. */
function checkAssignments(store: AccountStore, projectId: number, taskId: number, userId: number): void {
	const project = ref(store.projects, projectId, 'Project');
	ref(store.tasks, taskId, 'Task');
	ref(store.users, userId, 'User');
	if (!project.is_active) throw unprocessable('Time cannot be tracked to an archived project');
	const ta = store.taskAssignmentFor(projectId, taskId);
	if (!ta || !ta.is_active) throw unprocessable('Task is not assigned to the project');
	if (!store.userAssignmentFor(projectId, userId)) throw unprocessable('User is not assigned to the project');
}

/** A user has at most one running timer: starting one stops the others. */
function stopOtherTimers(store: AccountStore, userId: number, exceptId: number, now: number): void {
	for (const e of store.timeEntries.filter((x) => x.user_id === userId && x.timer_started_at !== null && x.id !== exceptId)) {
		stopTimer(store, e, now);
	}
}

function stopTimer(store: AccountStore, e: TimeEntryRow, now: number): void {
	store.touch(store.timeEntries, e, (x) => {
		x.hours_without_timer = entryHours(x, now);
		x.timer_started_at = null;
		if (x.started_time !== null) x.ended_time = formatClock(clockOf(now));
	});
}

function isLocked(e: TimeEntryRow): boolean {
	return e.invoice_id !== null || e.approval_status === 'approved';
}

export function registerTimeEntries(r: Router): void {
	r.get('/time_entries', (ctx) => {
		const { query: q, store } = ctx;
		const clientId = q.int('client_id');
		return listOf(ctx, store.timeEntries, {
			key: 'time_entries', kind: 'page', present: presentTimeEntry,
			filters: [
				idEq(q, 'user_id', (e) => e.user_id),
				clientId === undefined ? null : (e) => store.projects.get(e.project_id)?.client_id === clientId,
				idEq(q, 'project_id', (e) => e.project_id),
				idEq(q, 'task_id', (e) => e.task_id),
				strEq(q, 'external_reference_id', (e) => e.external_reference?.id),
				boolEq(q, 'is_billed', (e) => e.invoice_id !== null),
				boolEq(q, 'is_running', (e) => e.timer_started_at !== null),
				strEq(q, 'approval_status', (e) => e.approval_status, APPROVAL_STATUSES),
				updatedSince(q),
				dateRange(q, (e) => e.spent_date),
			],
		});
	});

	r.post('/time_entries', (ctx) => {
		const { store, body, now } = ctx;
		const projectId = body.requireInt('project_id');
		const taskId = body.requireInt('task_id');
		const spentDate = body.requireDate('spent_date');
		const userId = body.int('user_id') ?? store.meId;
		checkAssignments(store, projectId, taskId, userId);
		const hours = body.num('hours');
		const started = clockField(body, 'started_time');
		const ended = clockField(body, 'ended_time');
		if (typeof hours === 'number' && (hours < 0 || hours > 24)) throw unprocessable('Hours must be between 0 and 24');
		let hoursWithout = 0;
		let running = false;
		if (typeof hours === 'number') hoursWithout = hours;
		else if (typeof ended === 'number') {
			if (typeof started !== 'number') throw unprocessable("Started time can't be blank when ended time is given");
			if (ended < started) throw unprocessable('Ended time must be after started time');
			hoursWithout = round2((ended - started) / 60);
		} else running = true;
		const timestampMode = store.company.wants_timestamp_timers;
		const fields = { project_id: projectId, task_id: taskId, user_id: userId, spent_date: spentDate };
		const row = store.create(store.timeEntries, {
			...fields,
			hours_without_timer: hoursWithout,
			timer_started_at: running ? now : null,
			notes: body.str('notes') ?? null,
			approval_status: 'unsubmitted',
			invoice_id: null,
			started_time: typeof started === 'number' ? formatClock(started) : running && timestampMode ? formatClock(clockOf(now)) : null,
			ended_time: typeof ended === 'number' && !running ? formatClock(ended) : null,
			external_reference: externalReference(body) ?? null,
			...entryRates(store, fields),
		});
		if (running) stopOtherTimers(store, userId, row.id, now);
		return created(presentTimeEntry(ctx.pc, row));
	});

	r.get('/time_entries/{timeEntryId}', ({ store, params, pc }) => ok(presentTimeEntry(pc, must(store.timeEntries, params.timeEntryId))));

	r.patch('/time_entries/{timeEntryId}', (ctx) => updateEntry(ctx));

	r.delete('/time_entries/{timeEntryId}', ({ store, params }) => {
		const row = must(store.timeEntries, params.timeEntryId);
		const project = store.projects.get(row.project_id);
		const task = store.tasks.get(row.task_id);
		if ((project && !project.is_active) || (task && !task.is_active)) {
			throw unprocessable('Time entries of archived projects or tasks cannot be deleted');
		}
		store.timeEntries.delete(row.id);
		return emptyOk();
	});

	r.delete('/time_entries/{timeEntryId}/external_reference', ({ store, params }) => {
		const row = must(store.timeEntries, params.timeEntryId);
		store.touch(store.timeEntries, row, (e) => {
			e.external_reference = null;
		});
		return emptyOk();
	});

	r.patch('/time_entries/{timeEntryId}/restart', ({ store, params, now, pc }) => {
		const row = must(store.timeEntries, params.timeEntryId);
		if (row.timer_started_at !== null) throw unprocessable('This time entry is already running');
		if (isLocked(row)) throw unprocessable('This time entry is locked and cannot be restarted');
		store.touch(store.timeEntries, row, (e) => {
			e.timer_started_at = now;
			e.ended_time = null;
		});
		stopOtherTimers(store, row.user_id, row.id, now);
		return ok(presentTimeEntry(pc, row));
	});

	r.patch('/time_entries/{timeEntryId}/stop', ({ store, params, now, pc }) => {
		const row = must(store.timeEntries, params.timeEntryId);
		if (row.timer_started_at === null) throw unprocessable('This time entry is not running');
		stopTimer(store, row, now);
		return ok(presentTimeEntry(pc, row));
	});
}

function updateEntry(ctx: ApiContext) {
	const { store, body, now, params } = ctx;
	const row = must(store.timeEntries, params.timeEntryId);
	const projectId = body.has('project_id') ? body.requireInt('project_id') : row.project_id;
	const taskId = body.has('task_id') ? body.requireInt('task_id') : row.task_id;
	const spentDate = body.has('spent_date') ? body.requireDate('spent_date') : row.spent_date;
	const moved = projectId !== row.project_id || taskId !== row.task_id;
	if (moved) checkAssignments(store, projectId, taskId, row.user_id);
	const hours = body.num('hours');
	if (typeof hours === 'number' && (hours < 0 || hours > 24)) throw unprocessable('Hours must be between 0 and 24');
	const started = clockField(body, 'started_time');
	const ended = clockField(body, 'ended_time');
	const ext = externalReference(body);
	const notes = body.str('notes');
	const running = row.timer_started_at !== null;
	const startedTime = started === undefined ? row.started_time : started === null ? null : formatClock(started);
	const endedTime = running ? row.ended_time : ended === undefined ? row.ended_time : ended === null ? null : formatClock(ended);
	let hoursWithout = row.hours_without_timer;
	if (typeof hours === 'number') hoursWithout = hours;
	else if ((started !== undefined || ended !== undefined) && !running && startedTime && endedTime) {
		const s = parseClock(startedTime) as number;
		const f = parseClock(endedTime) as number;
		if (f < s) throw unprocessable('Ended time must be after started time');
		hoursWithout = round2((f - s) / 60);
	}
	// Rates are fixed when time is tracked; they are worked out again only when the entry moves.
	const rates = moved || spentDate !== row.spent_date ? entryRates(store, { project_id: projectId, task_id: taskId, user_id: row.user_id, spent_date: spentDate }) : null;
	store.touch(store.timeEntries, row, (e) => {
		e.project_id = projectId;
		e.task_id = taskId;
		e.spent_date = spentDate;
		if (notes !== undefined) e.notes = notes;
		if (ext !== undefined) e.external_reference = ext;
		e.started_time = startedTime;
		e.ended_time = endedTime;
		e.hours_without_timer = hoursWithout;
		if (typeof hours === 'number' && running) e.timer_started_at = now;
		if (rates) Object.assign(e, rates);
	});
	return ok(presentTimeEntry(ctx.pc, row));
}
