import { startSandbox, type Sandbox } from '../index';
import { api } from './helpers';

let sb: Sandbox;
let target: { project_id: number; task_id: number; user_id: number };

beforeAll(async () => {
	sb = await startSandbox({ seed: 41, records: 200, rateLimits: false });
	const e = sb.mutate({ resource: 'time_entries', action: 'create' });
	target = { project_id: (e.project as any).id, task_id: (e.task as any).id, user_id: (e.user as any).id };
});
afterAll(() => sb.close());
afterEach(async () => {
	sb.setClockOffset(0);
	await api(sb, 'PATCH', '/company', { json: { wants_timestamp_timers: false } });
});

test('creating without hours starts a timer that counts on the server clock; stop freezes it', async () => {
	const start = await api(sb, 'POST', '/time_entries', { json: { ...target, spent_date: '2024-03-01', notes: 'timer' } });
	expect(start.status).toBe(201);
	expect(start.json).toMatchObject({ is_running: true, hours: 0, hours_without_timer: 0 });
	expect(start.json.timer_started_at).toBe(start.json.created_at);
	sb.setClockOffset(1800);
	const half = await api(sb, 'GET', `/time_entries/${start.json.id}`);
	expect(half.json.hours).toBeGreaterThanOrEqual(0.5);
	expect(half.json.hours).toBeLessThan(0.52);
	expect(half.json.hours_without_timer).toBe(0);
	const stopped = await api(sb, 'PATCH', `/time_entries/${start.json.id}/stop`);
	expect(stopped.status).toBe(200);
	expect(stopped.json).toMatchObject({ is_running: false, timer_started_at: null });
	expect(stopped.json.hours).toBeGreaterThanOrEqual(0.5);
	sb.setClockOffset(7200);
	expect((await api(sb, 'GET', `/time_entries/${start.json.id}`)).json.hours).toBe(stopped.json.hours);
	const again = await api(sb, 'PATCH', `/time_entries/${start.json.id}/stop`);
	expect(again.status).toBe(422);
	expect(again.json.message).toMatch(/not running/);
});

test('restart continues a stopped entry; restarting a running one is 422', async () => {
	const e = await api(sb, 'POST', '/time_entries', { json: { ...target, spent_date: '2024-03-02', hours: 1.5 } });
	expect(e.json.is_running).toBe(false);
	const restarted = await api(sb, 'PATCH', `/time_entries/${e.json.id}/restart`);
	expect(restarted.status).toBe(200);
	expect(restarted.json).toMatchObject({ is_running: true, hours_without_timer: 1.5 });
	sb.setClockOffset(900);
	expect((await api(sb, 'GET', `/time_entries/${e.json.id}`)).json.hours).toBeCloseTo(1.75, 1);
	expect((await api(sb, 'PATCH', `/time_entries/${e.json.id}/restart`)).status).toBe(422);
	await api(sb, 'PATCH', `/time_entries/${e.json.id}/stop`);
});

test('a user has one running timer: starting another stops the first', async () => {
	const first = await api(sb, 'POST', '/time_entries', { json: { ...target, spent_date: '2024-03-03' } });
	const second = await api(sb, 'POST', '/time_entries', { json: { ...target, spent_date: '2024-03-03' } });
	expect(second.json.is_running).toBe(true);
	expect((await api(sb, 'GET', `/time_entries/${first.json.id}`)).json.is_running).toBe(false);
	const running = await api(sb, 'GET', '/time_entries', { query: { is_running: 'true', user_id: target.user_id } });
	expect(running.json.time_entries.map((x: any) => x.id)).toEqual([second.json.id]);
	await api(sb, 'PATCH', `/time_entries/${second.json.id}/stop`);
});

test('timestamp timers: started/ended times give the hours; without ended_time the timer runs', async () => {
	await api(sb, 'PATCH', '/company', { json: { wants_timestamp_timers: true } });
	const done = await api(sb, 'POST', '/time_entries', { json: { ...target, spent_date: '2024-03-04', started_time: '8:00am', ended_time: '9:30am' } });
	expect(done.json).toMatchObject({ started_time: '8:00am', ended_time: '9:30am', hours: 1.5, is_running: false });
	const open = await api(sb, 'POST', '/time_entries', { json: { ...target, spent_date: '2024-03-04', started_time: '14:00' } });
	expect(open.json).toMatchObject({ started_time: '2:00pm', ended_time: null, is_running: true });
	const stopped = await api(sb, 'PATCH', `/time_entries/${open.json.id}/stop`);
	expect(stopped.json.ended_time).toMatch(/^\d{1,2}:\d{2}[ap]m$/);
	const bad = await api(sb, 'POST', '/time_entries', { json: { ...target, spent_date: '2024-03-04', started_time: '3pm', ended_time: '1pm' } });
	expect(bad.status).toBe(422);
});

test('external references: stored with the service, filterable, removable on their own', async () => {
	const e = await api(sb, 'POST', '/time_entries', {
		json: { ...target, spent_date: '2024-03-05', hours: 1, external_reference: { id: 'ISSUE-9', group_id: '12', account_id: '34', permalink: 'https://tracker.example.com/issues/9' } },
	});
	expect(e.json.external_reference).toEqual({
		id: 'ISSUE-9', group_id: '12', account_id: '34', permalink: 'https://tracker.example.com/issues/9', service: 'tracker.example.com',
		service_icon_url: 'https://tracker.example.com/favicon.ico',
	});
	const found = await api(sb, 'GET', '/time_entries', { query: { external_reference_id: 'ISSUE-9' } });
	expect(found.json.time_entries.map((x: any) => x.id)).toEqual([e.json.id]);
	sb.setClockOffset(5);
	const removed = await api(sb, 'DELETE', `/time_entries/${e.json.id}/external_reference`);
	expect(removed.status).toBe(200);
	expect(removed.text).toBe('');
	const after = await api(sb, 'GET', `/time_entries/${e.json.id}`);
	expect(after.json.external_reference).toBeNull();
	expect(after.json.updated_at > e.json.updated_at).toBe(true);
	expect(after.json.notes).toBe(e.json.notes);
});

test('PATCH changes hours, notes and date, and re-sorts the list', async () => {
	const e = await api(sb, 'POST', '/time_entries', { json: { ...target, spent_date: '2020-01-01', hours: 2 } });
	const patched = await api(sb, 'PATCH', `/time_entries/${e.json.id}`, { json: { hours: 3.25, notes: 'changed', spent_date: '2099-12-31' } });
	expect(patched.json).toMatchObject({ hours: 3.25, notes: 'changed', spent_date: '2099-12-31' });
	const newest = await api(sb, 'GET', '/time_entries', { query: { per_page: 1 } });
	expect(newest.json.time_entries[0].id).toBe(e.json.id);
});
