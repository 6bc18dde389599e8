import nock from 'nock';

import { API, byId, refusal, run } from './support';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const base = { resource: 'timeEntry', projectId: byId(11), taskId: byId(22), spentDate: '2025-03-04T00:00:00' };

function capture(method: 'post' | 'patch', path: string, reply: object = { id: 1 }) {
	const seen: { body?: unknown } = {};
	nock(API)
		[method](`/v2${path}`, (body) => ((seen.body = body), true))
		.reply(method === 'post' ? 201 : 200, reply);
	return seen;
}

describe('time entry variants', () => {
	it('creates by duration with hours and the optional fields', async () => {
		const seen = capture('post', '/time_entries');
		await run({
			...base,
			operation: 'createByDuration',
			hours: 1.5,
			additionalFields: {
				notes: 'Standup',
				user_id: byId(5),
				external_reference: { id: 'T-1', group_id: 'G', permalink: 'https://example.com/t/1' },
			},
		});
		expect(seen.body).toEqual({
			project_id: 11,
			task_id: 22,
			spent_date: '2025-03-04',
			hours: 1.5,
			notes: 'Standup',
			user_id: 5,
			external_reference: { id: 'T-1', group_id: 'G', permalink: 'https://example.com/t/1' },
		});
	});

	it('creates by start and end time', async () => {
		const seen = capture('post', '/time_entries');
		await run({ ...base, operation: 'createByStartEnd', startedTime: '8:00am', endedTime: '13:30', additionalFields: {} });
		expect(seen.body).toEqual({
			project_id: 11,
			task_id: 22,
			spent_date: '2025-03-04',
			started_time: '8:00am',
			ended_time: '13:30',
		});
	});

	it('starts a timer: no hours and no ended time', async () => {
		const seen = capture('post', '/time_entries', { id: 3, is_running: true });
		const { items } = await run({ ...base, operation: 'startTimer', additionalFields: { notes: 'go' } });
		expect(seen.body).toEqual({ project_id: 11, task_id: 22, spent_date: '2025-03-04', notes: 'go' });
		expect(items[0].json.is_running).toBe(true);
	});

	it('updates every field, external reference included', async () => {
		const seen = capture('patch', '/time_entries/9');
		await run({
			resource: 'timeEntry',
			operation: 'update',
			timeEntryId: byId(9),
			updateFields: {
				project_id: byId(12),
				task_id: byId(23),
				spent_date: '2025-03-05',
				hours: 2,
				started_time: '9:00am',
				ended_time: '11:00am',
				notes: '',
				external_reference: { id: 'X', account_id: 'A' },
			},
		});
		expect(seen.body).toEqual({
			project_id: 12,
			task_id: 23,
			spent_date: '2025-03-05',
			hours: 2,
			started_time: '9:00am',
			ended_time: '11:00am',
			notes: '',
			external_reference: { id: 'X', account_id: 'A' },
		});
	});

	it.each([
		['stop', 'patch', '/time_entries/9/stop'],
		['restart', 'patch', '/time_entries/9/restart'],
	] as const)('%s sends %s %s without a body', async (operation, method, path) => {
		capture(method, path, { id: 9 });
		const { items, ctx } = await run({ resource: 'timeEntry', operation, timeEntryId: byId(9) });
		expect(ctx.sent.map((r) => [r.method, r.url, r.body])).toEqual([['PATCH', `${API}/v2${path}`, undefined]]);
		expect(items[0].json).toEqual({ id: 9 });
	});

	it('deletes the external reference', async () => {
		nock(API).delete('/v2/time_entries/9/external_reference').reply(200, '');
		const { items } = await run({ resource: 'timeEntry', operation: 'deleteExternalReference', timeEntryId: byId(9) });
		expect(items[0].json).toEqual({ deleted: true });
	});

	it('sends every list filter in Harvest’s formats', async () => {
		let query: Record<string, string> = {};
		nock(API)
			.get('/v2/time_entries')
			.query((q) => ((query = q as Record<string, string>), true))
			.reply(200, { time_entries: [], links: { next: null } });
		await run({
			resource: 'timeEntry',
			operation: 'getAll',
			returnAll: true,
			filters: {
				user_id: byId(1),
				client_id: byId(2),
				project_id: byId(3),
				task_id: byId(4),
				external_reference_id: 'EXT-1',
				is_billed: false,
				is_running: true,
				approval_status: 'approved',
				updated_since: '2025-03-01T10:00:00+02:00',
				from: '2025-03-01',
				to: '2025-03-31T00:00:00',
			},
		});
		expect(query).toEqual({
			per_page: '2000',
			user_id: '1',
			client_id: '2',
			project_id: '3',
			task_id: '4',
			external_reference_id: 'EXT-1',
			is_billed: 'false',
			is_running: 'true',
			approval_status: 'approved',
			updated_since: '2025-03-01T08:00:00Z',
			from: '2025-03-01',
			to: '2025-03-31',
		});
	});
});

describe('time entry input checks (nothing is sent)', () => {
	it.each([
		[{ spentDate: '2025-02-30' }, 'The parameter "Date" must be a real date (YYYY-MM-DD), not "2025-02-30" [item 0]'],
		[{ hours: -1 }, 'The parameter "Hours" cannot be negative (-1) [item 0]'],
		[{ hours: 'abc' }, 'The parameter "Hours" must be a number written in decimal digits, not "abc" [item 0]'],
		[{ projectId: byId('12x') }, 'The parameter "Project" must be a positive whole number, not "12x" [item 0]'],
		[{ taskId: byId('0') }, 'The parameter "Task" must be a positive whole number, not "0" [item 0]'],
		[{ hours: '' }, 'The parameter "Hours" is required [item 0]'],
	])('%j', async (override, message) => {
		const { error, sent } = await refusal({ ...base, operation: 'createByDuration', hours: 1, ...override });
		expect(error.message).toBe(message);
		expect(sent).toHaveLength(0);
	});

	it('refuses an impossible start time', async () => {
		const { error, sent } = await refusal({ ...base, operation: 'createByStartEnd', startedTime: '25:00', endedTime: '9:00am' });
		expect(error.message).toBe('The parameter "Started Time" must be a time such as 8:00am or 14:30, not "25:00" [item 0]');
		expect(sent).toHaveLength(0);
	});

	it('refuses an update without fields', async () => {
		const { error, sent } = await refusal({ resource: 'timeEntry', operation: 'update', timeEntryId: byId(1), updateFields: {} });
		expect(error.message).toBe('The parameter "Update Fields" needs at least one field [item 0]');
		expect(sent).toHaveLength(0);
	});

	it('refuses an impossible filter date and a bad updated_since', async () => {
		const params = { resource: 'timeEntry', operation: 'getAll', returnAll: true };
		const a = await refusal({ ...params, filters: { from: '2025-13-01' } });
		expect(a.error.message).toBe('The parameter "From" must be a real date (YYYY-MM-DD), not "2025-13-01" [item 0]');
		const b = await refusal({ ...params, filters: { updated_since: 'yesterday' } });
		expect(b.error.message).toMatch(/^The parameter "Updated Since" must be a date and time/);
		expect([...a.sent, ...b.sent]).toHaveLength(0);
	});

	it('names the failing item and stops there', async () => {
		capture('post', '/time_entries');
		const { error, sent } = await refusal((i) => ({ ...base, operation: 'createByDuration', hours: i === 1 ? -2 : 1 }), {
			items: [{ json: {} }, { json: {} }],
		});
		expect(error.message).toBe('The parameter "Hours" cannot be negative (-2) [item 1]');
		expect((error.context as { itemIndex: number }).itemIndex).toBe(1);
		expect(sent).toHaveLength(1);
	});
});
