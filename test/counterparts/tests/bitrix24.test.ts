import { call, receiver, useCounterparts } from './helpers';

const { get, admin } = useCounterparts();

function rest(method: string, params: unknown) {
	const info = get().info.bitrix24;
	return call(`${info.url}/${method}?auth=${info.token}`, { method: 'POST', json: params });
}

beforeEach(() => admin('bitrix24', 'POST', '/reset'));

test('auth by token or inbound webhook; a wrong one is refused; logs name the method, never the secrets', async () => {
	const info = get().info.bitrix24;
	expect((await call(`${info.url}/user.get`, { method: 'POST', json: {} })).json.error).toBe('NO_AUTH_FOUND');
	expect((await call(`${info.url}/1/wrong/user.get`, { method: 'POST', json: {} })).status).toBe(401);
	const viaWebhook = await call(`${info.webhookUrl}/user.get.json`, { method: 'POST', json: { FILTER: { ID: 1 } } });
	expect(viaWebhook.json.result.map((u: any) => u.EMAIL)).toEqual(['portal.admin@example.com']);
	const log = (await admin('bitrix24', 'GET', '/requests')).json.requests;
	expect(log.at(-1)).toMatchObject({ path: '/rest/user.get', call: 'user.get', write: false });
	expect(JSON.stringify(log)).not.toContain(info.token);
	expect(JSON.stringify(log)).not.toContain(new URL(info.webhookUrl).pathname.split('/')[4]);
});

test('tasks: add, read, complete, delete; every change is sent to the handler as a form, in order', async () => {
	const hook = await receiver();
	try {
		await admin('bitrix24', 'POST', '/seed', { users: [{ EMAIL: 'ada@example.com', NAME: 'Ada' }], groups: [{ NAME: 'Website' }], contacts: [{ NAME: 'Grace', LAST_NAME: 'Hopper' }] });
		const bound = await admin('bitrix24', 'POST', '/handlers', { url: hook.url });
		const added = await rest('tasks.task.add', { fields: { TITLE: 'Draft', RESPONSIBLE_ID: 2, ACCOMPLICES: [1], GROUP_ID: 1, UF_CRM_TASK: ['C_1'] } });
		const id = added.json.result.task.id;
		expect(added.json.result.task).toMatchObject({ id: '1', status: '2', responsibleId: '2', accomplices: ['1'], group: { id: '1', name: 'Website' }, ufCrmTask: ['C_1'] });
		await rest('tasks.task.complete', { taskId: id });
		expect((await rest('tasks.task.get', { taskId: id })).json.result.task).toMatchObject({ status: '5', closedDate: expect.any(String) });
		await rest('tasks.task.delete', { taskId: id });
		expect((await rest('tasks.task.get', { taskId: id })).json.error).toBe('ERROR_CORE');
		expect((await rest('tasks.task.add', { fields: { TITLE: 'x', RESPONSIBLE_ID: 99 } })).status).toBe(400);

		const deliveries = (await admin('bitrix24', 'GET', '/deliveries')).json.deliveries;
		expect(deliveries.map((d: any) => [d.event, d.status])).toEqual([['ONTASKADD', 200], ['ONTASKUPDATE', 200], ['ONTASKDELETE', 200]]);
		const forms = hook.received.map((r) => new URLSearchParams(r.body));
		expect(forms.map((f) => f.get('event'))).toEqual(['ONTASKADD', 'ONTASKUPDATE', 'ONTASKDELETE']);
		expect(forms[0].get('data[FIELDS_AFTER][ID]')).toBe('1');
		expect(forms[2].get('data[FIELDS_AFTER][ID]')).toBeNull();
		expect(forms[2].get('data[FIELDS_BEFORE][ID]')).toBe('1');
		expect(forms.every((f) => f.get('auth[application_token]') === bound.json.applicationToken)).toBe(true);

		const again = await admin('bitrix24', 'POST', '/redeliver', {});
		expect(again.json).toMatchObject({ event: 'ONTASKDELETE', status: 200 });
		expect(hook.received).toHaveLength(4);
	} finally {
		await hook.close();
	}
});

test('time elapsed: add, list by task or across tasks with filters and pages, update, delete', async () => {
	await admin('bitrix24', 'POST', '/seed', { tasks: [{ TITLE: 'A', RESPONSIBLE_ID: 1 }, { TITLE: 'B', RESPONSIBLE_ID: 1 }] });
	for (let i = 0; i < 3; i++) {
		const added = await rest('task.elapseditem.add', { TASKID: 1 + (i % 2), ARFIELDS: { SECONDS: 600 * (i + 1), COMMENT_TEXT: `work ${i}`, CREATED_DATE: `2026-03-0${i + 1} 09:00:00` } });
		expect(added.json.result).toBe(i + 1);
	}
	const ofTask = await rest('task.elapseditem.getlist', { TASKID: 1, ORDER: { ID: 'asc' } });
	expect(ofTask.json.result.map((e: any) => e.COMMENT_TEXT)).toEqual(['work 0', 'work 2']);
	const since = await rest('task.elapseditem.getlist', { ORDER: { ID: 'asc' }, FILTER: { '>=CREATED_DATE': '2026-03-02T00:00:00+00:00' }, SELECT: ['*'], PARAMS: { NAV_PARAMS: { nPageSize: 1, iNumPage: 2 } } });
	expect(since.json).toMatchObject({ total: 2, result: [expect.objectContaining({ ID: '3', SECONDS: '1800', CREATED_DATE: '2026-03-03T09:00:00+00:00' })] });
	await rest('task.elapseditem.update', { TASKID: 1, ITEMID: 1, ARFIELDS: { SECONDS: 60 } });
	expect((await rest('task.elapseditem.get', { TASKID: 1, ITEMID: 1 })).json.result).toMatchObject({ SECONDS: '60', MINUTES: '1' });
	await rest('task.elapseditem.delete', [1, 1]);
	expect((await rest('task.elapseditem.getlist', { TASKID: 1 })).json.result.map((e: any) => e.ID)).toEqual(['3']);
	const log = (await admin('bitrix24', 'GET', '/requests')).json.requests.map((r: any) => [r.call, r.write]);
	expect(log).toContainEqual(['task.elapseditem.add', true]);
	expect(log).toContainEqual(['task.elapseditem.getlist', false]);
});
