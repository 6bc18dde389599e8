/**
 * Bitrix24 REST stand-in (https://<portal>.bitrix24.com/rest/): tasks (tasks.task.*), time elapsed on tasks
 * (task.elapseditem.*), users, workgroups (sonet_group.*), CRM contacts and event handlers (event.*).
 * A call is `…/rest/<method>` with the OAuth token as `auth`, or `…/rest/<user id>/<webhook code>/<method>` (an
 * inbound webhook); parameters come as JSON, a PHP-style form or the query string. Answers are
 * `{result, time}` (lists add `total` and `next`); errors `{error, error_description}`.
 *
 * Changes to tasks (through the API or the admin API, which stands for Bitrix24's own UI) are sent to the
 * registered handlers as Bitrix24 does: a form POST with `event`, `data[FIELDS_BEFORE|FIELDS_AFTER][ID]`, `ts`
 * and `auth[application_token]`, one after another in the order they happened.
 */
import { randomBytes } from 'node:crypto';

import { Counterpart, objectBody } from './counterpart';
import { HttpError, type CallRequest, type Reply } from './http';

export interface BitrixUser {
	ID: string;
	ACTIVE: boolean;
	EMAIL: string;
	NAME: string;
	LAST_NAME: string;
}

export interface BitrixGroup {
	ID: string;
	NAME: string;
	DESCRIPTION: string;
	ACTIVE: 'Y' | 'N';
	PROJECT: 'Y' | 'N';
	DATE_CREATE: string;
}

export interface BitrixContact {
	ID: string;
	NAME: string;
	LAST_NAME: string;
	EMAIL: Array<{ ID: string; VALUE: string; VALUE_TYPE: string; TYPE_ID: 'EMAIL' }>;
	DATE_CREATE: string;
	DATE_MODIFY: string;
}

export interface BitrixTask {
	id: number;
	title: string;
	description: string;
	status: number;
	responsibleId: number;
	accomplices: number[];
	auditors: number[];
	groupId: number;
	ufCrmTask: string[];
	createdBy: number;
	createdDate: string;
	changedDate: string;
	closedDate: string | null;
}

export interface ElapsedItem {
	ID: string;
	TASK_ID: string;
	USER_ID: string;
	COMMENT_TEXT: string;
	SECONDS: string;
	MINUTES: string;
	SOURCE: string;
	CREATED_DATE: string;
	DATE_START: string;
	DATE_STOP: string;
}

export interface Handler {
	id: number;
	event: string;
	url: string;
	applicationToken: string;
}

export interface Delivery {
	seq: number;
	event: string;
	taskId: number;
	url: string;
	status: number;
	error: string | null;
	time: string;
	payload: string;
}

/** Task statuses: 2 pending, 3 in progress, 4 awaiting control, 5 completed, 6 deferred. */
export const TASK_STATUS = { pending: 2, inProgress: 3, awaitingControl: 4, completed: 5, deferred: 6 } as const;

const TASK_EVENTS = ['ONTASKADD', 'ONTASKUPDATE', 'ONTASKDELETE'];
const PAGE = 50;

/** Bitrix24's time format: ISO 8601 with an offset. */
function bitrixTime(ms = Date.now()): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

function fail(message: string, status = 400, code = 'ERROR_CORE'): never {
	throw new HttpError(status, { error: code, error_description: message });
}

function asId(value: unknown, name: string): number {
	const n = Number(value);
	if (value === undefined || value === null || value === '' || !Number.isInteger(n) || n < 0) fail(`Parameter "${name}" must be an integer, got ${JSON.stringify(value)}`);
	return n;
}

function ids(value: unknown, name: string): number[] {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : [value];
	return list.map((v) => asId(v, name));
}

/** A Bitrix24 list filter: `{"ID": 3, ">=CREATED_DATE": "…", "!USER_ID": [1, 2]}` against UPPER-case fields. */
function filterMatches(record: Record<string, unknown>, filter: Record<string, unknown>): boolean {
	return Object.entries(filter).every(([rawKey, wanted]) => {
		const match = /^(!|<=|>=|<|>|=)?(.+)$/.exec(rawKey)!;
		const op = match[1] ?? '=';
		const field = match[2];
		const actual = record[field];
		const compare = (w: unknown) => {
			const numeric = actual !== '' && actual !== null && !Number.isNaN(Number(actual)) && !Number.isNaN(Number(w)) && !/[-:T]/.test(String(w));
			const time = /^\d{4}-\d{2}-\d{2}/.test(String(actual)) && !Number.isNaN(Date.parse(String(w)));
			const [a, b] = numeric ? [Number(actual), Number(w)] : time ? [Date.parse(String(actual)), Date.parse(String(w))] : [String(actual ?? '').toLowerCase(), String(w ?? '').toLowerCase()];
			switch (op) {
				case '<':
					return a < b;
				case '<=':
					return a <= b;
				case '>':
					return a > b;
				case '>=':
					return a >= b;
				default:
					return a === b;
			}
		};
		const hit = Array.isArray(wanted) ? wanted.some(compare) : compare(wanted);
		return op === '!' ? !(Array.isArray(wanted) ? wanted.some((w) => String(actual) === String(w)) : String(actual) === String(wanted)) : hit;
	});
}

/** Flattens nested objects into PHP-style form pairs: `data[FIELDS_AFTER][ID]=1`. */
function formPairs(value: Record<string, unknown>, prefix = ''): Array<[string, string]> {
	return Object.entries(value).flatMap(([key, v]) => {
		const name = prefix ? `${prefix}[${key}]` : key;
		return v && typeof v === 'object' ? formPairs(v as Record<string, unknown>, name) : [[name, String(v)] as [string, string]];
	});
}

export class Bitrix24StandIn extends Counterpart {
	readonly name = 'bitrix24';
	readonly token: string;
	readonly webhook: { userId: number; code: string };
	readonly applicationToken: string;
	readonly memberId = randomBytes(16).toString('hex');
	private users: BitrixUser[] = [];
	private groups: BitrixGroup[] = [];
	private contacts: BitrixContact[] = [];
	private tasks: BitrixTask[] = [];
	private elapsed: ElapsedItem[] = [];
	private handlers: Handler[] = [];
	private deliveries: Delivery[] = [];
	private nextId = { user: 1, group: 1, contact: 1, task: 1, elapsed: 1, handler: 1, delivery: 1 };
	private queue: Promise<void> = Promise.resolve();
	private origin = 'http://127.0.0.1';
	private closed = false;

	constructor(options: { token?: string; webhookCode?: string; applicationToken?: string } = {}) {
		super();
		this.token = options.token ?? randomBytes(16).toString('hex');
		this.webhook = { userId: 1, code: options.webhookCode ?? randomBytes(8).toString('hex') };
		this.applicationToken = options.applicationToken ?? randomBytes(16).toString('hex');
		this.reset();
	}

	info(origin: string) {
		this.origin = origin;
		return {
			url: `${origin}/bitrix24/rest`,
			token: this.token,
			webhookUrl: `${origin}/bitrix24/rest/${this.webhook.userId}/${this.webhook.code}`,
			applicationToken: this.applicationToken,
		};
	}

	errorBody(status: number, message: string) {
		const code = status === 404 ? 'ERROR_METHOD_NOT_FOUND' : status === 401 ? 'INVALID_CREDENTIALS' : 'ERROR_CORE';
		return { error: code, error_description: message };
	}

	state() {
		return structuredClone({
			users: this.users,
			groups: this.groups,
			contacts: this.contacts,
			tasks: this.tasks,
			elapsed: this.elapsed,
			handlers: this.handlers.map(({ applicationToken: _secret, ...h }) => h),
			deliveries: this.deliveries.map(({ payload: _payload, ...d }) => d),
		}) as unknown as Record<string, unknown>;
	}

	/** The portal's administrator (user 1, whose inbound webhook this is) and nothing else. */
	reset(): void {
		this.users = [{ ID: '1', ACTIVE: true, EMAIL: 'portal.admin@example.com', NAME: 'Portal', LAST_NAME: 'Admin' }];
		this.groups = [];
		this.contacts = [];
		this.tasks = [];
		this.elapsed = [];
		this.handlers = [];
		this.deliveries = [];
		this.nextId = { user: 2, group: 1, contact: 1, task: 1, elapsed: 1, handler: 1, delivery: 1 };
	}

	/**
	 * `{users?: [{EMAIL, NAME, LAST_NAME}], groups?: [{NAME}], contacts?: [{NAME, LAST_NAME}], tasks?: [{TITLE,
	 * RESPONSIBLE_ID, …}]}`: records as the API would create them, without events.
	 */
	seed(input: Record<string, unknown>) {
		const list = (key: string) => {
			const value = input[key];
			if (value !== undefined && !Array.isArray(value)) fail(`seed: ${key} must be a list`);
			return (value as unknown[] | undefined) ?? [];
		};
		return {
			users: list('users').map((u) => this.addUser(objectBody(u))),
			groups: list('groups').map((g) => {
				const id = String(this.addGroup(objectBody(g)));
				return this.groups.find((x) => x.ID === id);
			}),
			contacts: list('contacts').map((c) => {
				const id = String(this.addContact(objectBody(c)));
				return this.contacts.find((x) => x.ID === id);
			}),
			tasks: list('tasks').map((t) => this.present(this.addTask(objectBody(t), false))),
		};
	}

	callName(req: CallRequest): string | undefined {
		return this.method(req)?.name;
	}

	isWrite(req: CallRequest): boolean {
		const name = this.method(req)?.name ?? '';
		return !/(^|\.)(get|list|getlist|fields|getmanifest)$/.test(name);
	}

	logPath(req: CallRequest): string {
		const name = this.method(req)?.name;
		return name ? `/rest/${name}` : '/rest';
	}

	async idle(): Promise<void> {
		await this.queue;
	}

	close(): void {
		this.closed = true;
	}

	async adminRoute(method: string, route: string, body: Record<string, unknown>): Promise<Reply | undefined> {
		switch (`${method} ${route}`) {
			// An outbound webhook as set up in Bitrix24's UI: a handler URL, its events and an application token.
			case 'POST /handlers': {
				if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url)) fail('url must be an http(s) URL');
				const events = Array.isArray(body.events) ? body.events.map(String) : TASK_EVENTS;
				const unknown = events.filter((e) => !TASK_EVENTS.includes(e));
				if (unknown.length) fail(`unknown events ${unknown.join(', ')}`);
				const added = events.map((event) => this.addHandler(event, body.url as string));
				return { status: 200, body: { handlers: added.map(({ applicationToken: _t, ...h }) => h), applicationToken: this.applicationToken } };
			}
			case 'DELETE /handlers':
				this.handlers = [];
				return { status: 200, body: { handlers: [] } };
			case 'GET /deliveries':
				await this.idle();
				return { status: 200, body: { deliveries: this.deliveries.map(({ payload: _p, ...d }) => d) } };
			// Bitrix24 may send an event again (a retry); the handler must cope with seeing it twice.
			case 'POST /redeliver': {
				await this.idle();
				const seq = body.seq === undefined ? this.deliveries.at(-1)?.seq : Number(body.seq);
				const original = this.deliveries.find((d) => d.seq === seq);
				if (!original) fail('no such delivery', 404);
				this.enqueue(original.event, original.taskId, original.url, original.payload);
				await this.idle();
				const { payload: _p, ...delivery } = this.deliveries.at(-1)!;
				return { status: 200, body: delivery };
			}
			default:
				return undefined;
		}
	}

	/** The method named by the URL (`tasks.task.get` from `…/tasks.task.get.json`), and the auth it carries. */
	private method(req: CallRequest): { name: string; webhook?: { userId: string; code: string } } | undefined {
		const parts = req.path.split('/').filter(Boolean);
		if (parts[0] !== 'rest') return undefined;
		const strip = (m: string) => m.replace(/\.json$/i, '').toLowerCase();
		if (parts.length === 2) return { name: strip(parts[1]) };
		if (parts.length === 4) return { name: strip(parts[3]), webhook: { userId: parts[1], code: parts[2] } };
		return undefined;
	}

	private params(req: CallRequest): Record<string, unknown> | unknown[] {
		const fromQuery: Record<string, unknown> = {};
		for (const [k, v] of req.query) fromQuery[k] = v;
		if (Array.isArray(req.body)) return req.body;
		const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
		return { ...fromQuery, ...body };
	}

	private authenticate(req: CallRequest, params: Record<string, unknown> | unknown[]): void {
		const method = this.method(req)!;
		if (method.webhook) {
			if (method.webhook.userId !== String(this.webhook.userId) || method.webhook.code !== this.webhook.code) {
				fail('Invalid request credentials', 401, 'INVALID_CREDENTIALS');
			}
			return;
		}
		const auth = Array.isArray(params) ? req.query.get('auth') : (params.auth ?? req.query.get('auth'));
		if (!auth) fail('Wrong authorization data', 401, 'NO_AUTH_FOUND');
		if (auth !== this.token) fail('Unable to get application by token', 401, 'invalid_token');
	}

	handle(req: CallRequest): Reply {
		const method = this.method(req);
		if (!method) fail('Method not found!', 404, 'ERROR_METHOD_NOT_FOUND');
		const params = this.params(req);
		if (!req.internal) this.authenticate(req, params);
		const named = (Array.isArray(params) ? {} : params) as Record<string, unknown>;
		const started = Date.now();
		const answer = (result: unknown, extra: Record<string, unknown> = {}): Reply => ({
			status: 200,
			body: { result, ...extra, time: { start: started / 1000, finish: Date.now() / 1000, duration: (Date.now() - started) / 1000 } },
		});
		switch (method.name) {
			case 'tasks.task.add': {
				const task = this.addTask(objectBody(named.fields), true);
				return answer({ task: this.present(task) });
			}
			case 'tasks.task.update': {
				const task = this.updateTask(this.task(named.taskId), objectBody(named.fields));
				return answer({ task: this.present(task) });
			}
			case 'tasks.task.get':
				return answer({ task: this.present(this.task(named.taskId)) });
			case 'tasks.task.list':
				return this.listTasks(named, answer);
			case 'tasks.task.complete':
				return answer({ task: this.present(this.updateTask(this.task(named.taskId), { STATUS: TASK_STATUS.completed })) });
			case 'tasks.task.renew':
				return answer({ task: this.present(this.updateTask(this.task(named.taskId), { STATUS: TASK_STATUS.pending })) });
			case 'tasks.task.delete': {
				const task = this.task(named.taskId);
				this.tasks = this.tasks.filter((t) => t !== task);
				this.elapsed = this.elapsed.filter((e) => e.TASK_ID !== String(task.id));
				this.emit('ONTASKDELETE', task.id);
				return answer({ task: true });
			}
			case 'task.elapseditem.getlist':
				return this.listElapsed(params, answer);
			case 'task.elapseditem.get': {
				const item = this.elapsedItem(this.arg(params, 0, 'TASKID'), this.arg(params, 1, 'ITEMID'));
				return answer(structuredClone(item));
			}
			case 'task.elapseditem.add':
				return answer(this.addElapsed(this.task(this.arg(params, 0, 'TASKID')), objectBody(this.arg(params, 1, 'ARFIELDS'))));
			case 'task.elapseditem.update': {
				const item = this.elapsedItem(this.arg(params, 0, 'TASKID'), this.arg(params, 1, 'ITEMID'));
				this.writeElapsed(item, objectBody(this.arg(params, 2, 'ARFIELDS')));
				return answer(null);
			}
			case 'task.elapseditem.delete': {
				const item = this.elapsedItem(this.arg(params, 0, 'TASKID'), this.arg(params, 1, 'ITEMID'));
				this.elapsed = this.elapsed.filter((e) => e !== item);
				return answer(null);
			}
			case 'user.get':
				return this.listSimple(this.users as unknown as Array<Record<string, unknown>>, named, ['ID', 'EMAIL', 'ACTIVE', 'NAME', 'LAST_NAME'], answer);
			case 'sonet_group.get':
				return this.listSimple(this.groups as unknown as Array<Record<string, unknown>>, named, [], answer);
			case 'sonet_group.create':
				return answer(this.addGroup(named));
			case 'sonet_group.update': {
				const group = this.groups.find((g) => g.ID === String(named.GROUP_ID));
				if (!group) fail('Group not found');
				if (typeof named.NAME === 'string') group.NAME = named.NAME;
				return answer(Number(group.ID));
			}
			case 'crm.contact.get': {
				const contact = this.contacts.find((c) => c.ID === String(named.id ?? named.ID));
				if (!contact) fail('Not found', 400, 'NOT_FOUND');
				return answer(structuredClone(contact));
			}
			case 'crm.contact.list':
				return this.listSimple(this.contacts as unknown as Array<Record<string, unknown>>, { FILTER: named.filter ?? named.FILTER }, [], answer);
			case 'crm.contact.add':
				return answer(this.addContact(objectBody(named.fields)));
			case 'crm.contact.update': {
				const contact = this.contacts.find((c) => c.ID === String(named.id));
				if (!contact) fail('Not found', 400, 'NOT_FOUND');
				const fields = objectBody(named.fields);
				if (typeof fields.NAME === 'string') contact.NAME = fields.NAME;
				if (typeof fields.LAST_NAME === 'string') contact.LAST_NAME = fields.LAST_NAME;
				contact.DATE_MODIFY = bitrixTime();
				return answer(true);
			}
			case 'event.bind': {
				const event = String(named.event ?? '').toUpperCase();
				if (!TASK_EVENTS.includes(event)) fail(`Event "${event}" is not supported here`, 400, 'ERROR_EVENT_NOT_FOUND');
				if (typeof named.handler !== 'string' || !/^https?:\/\//.test(named.handler)) fail('Handler must be an http(s) URL', 400, 'ERROR_ARGUMENT');
				if (this.handlers.some((h) => h.event === event && h.url === named.handler)) fail('Handler already binded', 400, 'ERROR_CORE');
				this.addHandler(event, named.handler);
				return answer(true);
			}
			case 'event.unbind': {
				const before = this.handlers.length;
				this.handlers = this.handlers.filter((h) => !(h.event === String(named.event ?? '').toUpperCase() && h.url === named.handler));
				return answer({ count: before - this.handlers.length });
			}
			case 'event.get':
				return answer(this.handlers.map((h) => ({ event: h.event, handler: h.url, auth_type: '0', offline: 0 })));
			default:
				fail('Method not found!', 404, 'ERROR_METHOD_NOT_FOUND');
		}
	}

	/** A positional parameter, given either as a list or by its documented name. */
	private arg(params: Record<string, unknown> | unknown[], index: number, name: string): unknown {
		if (Array.isArray(params)) return params[index];
		return params[name] ?? params[String(index)];
	}

	private user(id: number, name: string): BitrixUser {
		const user = this.users.find((u) => u.ID === String(id));
		if (!user) fail(`User ${id} (${name}) not found`);
		return user;
	}

	private task(value: unknown): BitrixTask {
		const id = asId(value, 'taskId');
		const task = this.tasks.find((t) => t.id === id);
		if (!task) fail('TASKS_ERROR_EXCEPTION_#8; Task not found or access denied; 8/TE/ACTION_NOT_ALLOWED');
		return task;
	}

	private addUser(body: Record<string, unknown>): BitrixUser {
		if (typeof body.EMAIL !== 'string' || !body.EMAIL.includes('@')) fail('EMAIL is required');
		if (this.users.some((u) => u.EMAIL.toLowerCase() === String(body.EMAIL).toLowerCase())) fail(`A user with e-mail ${String(body.EMAIL)} exists`);
		const user: BitrixUser = {
			ID: String(this.nextId.user++),
			ACTIVE: body.ACTIVE !== false,
			EMAIL: body.EMAIL,
			NAME: String(body.NAME ?? ''),
			LAST_NAME: String(body.LAST_NAME ?? ''),
		};
		this.users.push(user);
		return user;
	}

	private addGroup(body: Record<string, unknown>): number {
		if (typeof body.NAME !== 'string' || !body.NAME.trim()) fail('NAME is required');
		const group: BitrixGroup = {
			ID: String(this.nextId.group++),
			NAME: body.NAME,
			DESCRIPTION: String(body.DESCRIPTION ?? ''),
			ACTIVE: 'Y',
			PROJECT: body.PROJECT === 'Y' ? 'Y' : 'N',
			DATE_CREATE: bitrixTime(),
		};
		this.groups.push(group);
		return Number(group.ID);
	}

	private addContact(body: Record<string, unknown>): number {
		if (typeof body.NAME !== 'string' || !body.NAME.trim()) fail('NAME is required');
		const emails = Array.isArray(body.EMAIL) ? (body.EMAIL as Array<Record<string, unknown>>) : [];
		const contact: BitrixContact = {
			ID: String(this.nextId.contact++),
			NAME: body.NAME,
			LAST_NAME: String(body.LAST_NAME ?? ''),
			EMAIL: emails.map((e, i) => ({ ID: String(i + 1), VALUE: String(e.VALUE ?? ''), VALUE_TYPE: String(e.VALUE_TYPE ?? 'WORK'), TYPE_ID: 'EMAIL' })),
			DATE_CREATE: bitrixTime(),
			DATE_MODIFY: bitrixTime(),
		};
		this.contacts.push(contact);
		return Number(contact.ID);
	}

	private addHandler(event: string, url: string): Handler {
		const handler: Handler = { id: this.nextId.handler++, event, url, applicationToken: this.applicationToken };
		this.handlers.push(handler);
		return handler;
	}

	/** Checks and applies task fields (UPPER_CASE, as tasks.task.add/update take them). */
	private applyTaskFields(task: BitrixTask, fields: Record<string, unknown>): void {
		for (const [key, value] of Object.entries(fields)) {
			switch (key) {
				case 'TITLE':
					if (typeof value !== 'string' || !value.trim()) fail('TITLE must not be empty');
					task.title = value;
					break;
				case 'DESCRIPTION':
					task.description = String(value ?? '');
					break;
				case 'RESPONSIBLE_ID':
					task.responsibleId = Number(this.user(asId(value, key), 'responsible').ID);
					break;
				case 'CREATED_BY':
					task.createdBy = Number(this.user(asId(value, key), 'creator').ID);
					break;
				case 'ACCOMPLICES':
				case 'AUDITORS': {
					const people = ids(value, key).map((id) => Number(this.user(id, key.toLowerCase()).ID));
					if (key === 'ACCOMPLICES') task.accomplices = people;
					else task.auditors = people;
					break;
				}
				case 'GROUP_ID': {
					const group = asId(value ?? 0, key);
					if (group !== 0 && !this.groups.some((g) => g.ID === String(group))) fail(`Workgroup ${group} not found`);
					task.groupId = group;
					break;
				}
				case 'UF_CRM_TASK': {
					const links = (Array.isArray(value) ? value : value ? [value] : []).map(String);
					for (const link of links) {
						const m = /^(C|CO|L|D)_(\d+)$/.exec(link);
						if (!m) fail(`UF_CRM_TASK: "${link}" is not a CRM binding like C_12`);
						if (m[1] === 'C' && !this.contacts.some((c) => c.ID === m[2])) fail(`Contact ${m[2]} not found`);
					}
					task.ufCrmTask = links;
					break;
				}
				case 'STATUS': {
					const status = asId(value, key);
					if (![2, 3, 4, 5, 6].includes(status)) fail(`STATUS ${status} is not a task status`);
					if (status === TASK_STATUS.completed && task.status !== status) task.closedDate = bitrixTime();
					if (status !== TASK_STATUS.completed) task.closedDate = null;
					task.status = status;
					break;
				}
				default:
					// Other documented fields (DEADLINE, PRIORITY, TAGS, …) are accepted and not kept.
					break;
			}
		}
	}

	private addTask(fields: Record<string, unknown>, fire: boolean): BitrixTask {
		if (fields.TITLE === undefined) fail('TITLE is required');
		if (fields.RESPONSIBLE_ID === undefined) fail('RESPONSIBLE_ID is required');
		const now = bitrixTime();
		const task: BitrixTask = {
			id: this.nextId.task,
			title: '',
			description: '',
			status: TASK_STATUS.pending,
			responsibleId: 1,
			accomplices: [],
			auditors: [],
			groupId: 0,
			ufCrmTask: [],
			createdBy: 1,
			createdDate: now,
			changedDate: now,
			closedDate: null,
		};
		this.applyTaskFields(task, fields);
		this.nextId.task++;
		this.tasks.push(task);
		if (fire) this.emit('ONTASKADD', task.id);
		return task;
	}

	private updateTask(task: BitrixTask, fields: Record<string, unknown>): BitrixTask {
		const before = JSON.stringify(task);
		const draft = structuredClone(task);
		this.applyTaskFields(draft, fields);
		Object.assign(task, draft);
		if (JSON.stringify(task) !== before) task.changedDate = bitrixTime();
		this.emit('ONTASKUPDATE', task.id);
		return task;
	}

	/** tasks.task.* answers: camelCase keys, ids and numbers as strings, the group and people spelled out. */
	private present(task: BitrixTask): Record<string, unknown> {
		const group = this.groups.find((g) => g.ID === String(task.groupId));
		const person = (id: number) => {
			const u = this.users.find((x) => x.ID === String(id));
			return { id: String(id), name: u ? `${u.NAME} ${u.LAST_NAME}`.trim() : '', link: `/company/personal/user/${id}/`, icon: '/bitrix/images/tasks/default_avatar.png' };
		};
		return {
			id: String(task.id),
			title: task.title,
			description: task.description,
			status: String(task.status),
			subStatus: String(task.status),
			responsibleId: String(task.responsibleId),
			accomplices: task.accomplices.map(String),
			auditors: task.auditors.map(String),
			groupId: String(task.groupId),
			group: group ? { id: group.ID, name: group.NAME } : [],
			ufCrmTask: [...task.ufCrmTask],
			createdBy: String(task.createdBy),
			createdDate: task.createdDate,
			changedDate: task.changedDate,
			closedDate: task.closedDate,
			creator: person(task.createdBy),
			responsible: person(task.responsibleId),
			accomplicesData: Object.fromEntries(task.accomplices.map((id) => [String(id), person(id)])),
		};
	}

	private listTasks(named: Record<string, unknown>, answer: (r: unknown, e?: Record<string, unknown>) => Reply): Reply {
		const filter = (named.filter ?? {}) as Record<string, unknown>;
		const upper = (t: BitrixTask) => ({
			ID: t.id,
			TITLE: t.title,
			STATUS: t.status,
			REAL_STATUS: t.status,
			RESPONSIBLE_ID: t.responsibleId,
			GROUP_ID: t.groupId,
			CREATED_DATE: t.createdDate,
			CHANGED_DATE: t.changedDate,
			CLOSED_DATE: t.closedDate,
		});
		const all = this.tasks.filter((t) => filterMatches(upper(t), filter));
		const start = named.start === undefined ? 0 : asId(named.start, 'start');
		const page = all.slice(start, start + PAGE);
		const extra: Record<string, unknown> = { total: all.length };
		if (start + PAGE < all.length) extra.next = start + PAGE;
		return answer({ tasks: page.map((t) => this.present(t)) }, extra);
	}

	/** user.get, sonet_group.get, crm.contact.list: `FILTER` (or top-level filter fields), `start`. */
	private listSimple(
		records: Array<Record<string, unknown>>,
		named: Record<string, unknown>,
		topLevelFilters: string[],
		answer: (r: unknown, e?: Record<string, unknown>) => Reply,
	): Reply {
		const filter: Record<string, unknown> = { ...((named.FILTER ?? named.filter ?? {}) as Record<string, unknown>) };
		for (const key of topLevelFilters) if (named[key] !== undefined) filter[key] = named[key];
		const all = records.filter((r) => filterMatches(r, filter));
		const start = named.start === undefined ? 0 : asId(named.start, 'start');
		const extra: Record<string, unknown> = { total: all.length };
		if (start + PAGE < all.length) extra.next = start + PAGE;
		return answer(structuredClone(all.slice(start, start + PAGE)), extra);
	}

	private elapsedItem(taskId: unknown, itemId: unknown): ElapsedItem {
		const task = this.task(taskId);
		const item = this.elapsed.find((e) => e.ID === String(asId(itemId, 'ITEMID')) && e.TASK_ID === String(task.id));
		if (!item) fail('TASKS_ERROR_EXCEPTION_#8; Elapsed time record not found; 8/TE/ACTION_NOT_ALLOWED');
		return item;
	}

	/** SECONDS or MINUTES (not both), COMMENT_TEXT, USER_ID, CREATED_DATE ("2016-01-20 17:26:37" or ISO). */
	private writeElapsed(item: ElapsedItem, fields: Record<string, unknown>): void {
		if (fields.SECONDS !== undefined && fields.MINUTES !== undefined) fail('Use SECONDS or MINUTES, not both');
		const seconds = fields.SECONDS !== undefined ? asId(fields.SECONDS, 'SECONDS') : fields.MINUTES !== undefined ? asId(fields.MINUTES, 'MINUTES') * 60 : undefined;
		if (seconds !== undefined) {
			item.SECONDS = String(seconds);
			item.MINUTES = String(Math.round(seconds / 60));
		}
		if (fields.COMMENT_TEXT !== undefined) item.COMMENT_TEXT = String(fields.COMMENT_TEXT);
		if (fields.USER_ID !== undefined) item.USER_ID = this.user(asId(fields.USER_ID, 'USER_ID'), 'USER_ID').ID;
		if (fields.CREATED_DATE !== undefined) {
			const text = String(fields.CREATED_DATE);
			const time = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
			if (Number.isNaN(time)) fail(`CREATED_DATE "${text}" is not a date`);
			item.CREATED_DATE = bitrixTime(time);
		}
	}

	private addElapsed(task: BitrixTask, fields: Record<string, unknown>): number {
		if (fields.SECONDS === undefined && fields.MINUTES === undefined) fail('SECONDS is required');
		const now = bitrixTime();
		const item: ElapsedItem = {
			ID: String(this.nextId.elapsed),
			TASK_ID: String(task.id),
			USER_ID: String(this.webhook.userId),
			COMMENT_TEXT: '',
			SECONDS: '0',
			MINUTES: '0',
			SOURCE: '2',
			CREATED_DATE: now,
			DATE_START: now,
			DATE_STOP: now,
		};
		this.writeElapsed(item, fields);
		this.nextId.elapsed++;
		this.elapsed.push(item);
		return Number(item.ID);
	}

	/** task.elapseditem.getlist([TASKID,] ORDER, FILTER, SELECT, PARAMS{NAV_PARAMS{nPageSize, iNumPage}}). */
	private listElapsed(params: Record<string, unknown> | unknown[], answer: (r: unknown, e?: Record<string, unknown>) => Reply): Reply {
		let taskId: unknown;
		let filter: Record<string, unknown> = {};
		let order: Record<string, unknown> = {};
		let nav: Record<string, unknown> = {};
		if (Array.isArray(params)) {
			const rest = typeof params[0] === 'number' || /^\d+$/.test(String(params[0] ?? '')) ? ((taskId = params[0]), params.slice(1)) : params;
			order = (rest[0] ?? {}) as Record<string, unknown>;
			filter = (rest[1] ?? {}) as Record<string, unknown>;
			nav = ((rest[3] as Record<string, unknown> | undefined)?.NAV_PARAMS ?? {}) as Record<string, unknown>;
		} else {
			taskId = params.TASKID;
			order = (params.ORDER ?? {}) as Record<string, unknown>;
			filter = (params.FILTER ?? {}) as Record<string, unknown>;
			nav = ((params.PARAMS as Record<string, unknown> | undefined)?.NAV_PARAMS ?? {}) as Record<string, unknown>;
		}
		let items = this.elapsed;
		if (taskId !== undefined && taskId !== null && taskId !== '') {
			const task = this.task(taskId);
			items = items.filter((e) => e.TASK_ID === String(task.id));
		}
		items = items.filter((e) => filterMatches(e as unknown as Record<string, unknown>, filter));
		const [sortField, direction] = Object.entries(order)[0] ?? ['ID', 'desc'];
		const sorted = [...items].sort((a, b) => {
			const [x, y] = [a[sortField as keyof ElapsedItem], b[sortField as keyof ElapsedItem]];
			const cmp = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
			return String(direction).toLowerCase() === 'asc' ? cmp : -cmp;
		});
		const size = nav.nPageSize === undefined ? PAGE : asId(nav.nPageSize, 'nPageSize');
		const pageNo = nav.iNumPage === undefined ? 1 : asId(nav.iNumPage, 'iNumPage');
		if (size < 1 || size > PAGE || pageNo < 1) fail('NAV_PARAMS: nPageSize must be 1–50 and iNumPage 1 or more');
		const page = sorted.slice((pageNo - 1) * size, pageNo * size);
		return answer(structuredClone(page), { total: sorted.length });
	}

	/** Queues the event for every handler bound to it; deliveries go out one after another. */
	private emit(event: string, taskId: number): void {
		for (const handler of this.handlers.filter((h) => h.event === event)) {
			const data: Record<string, unknown> = { FIELDS_BEFORE: { ID: taskId } };
			if (event !== 'ONTASKDELETE') data.FIELDS_AFTER = { ID: taskId };
			data.IS_ACCESSIBLE_BEFORE = 'N';
			data.IS_ACCESSIBLE_AFTER = 'N';
			const host = new URL(this.origin).host;
			const payload = new URLSearchParams(
				formPairs({
					event,
					event_handler_id: handler.id,
					data,
					ts: Math.floor(Date.now() / 1000),
					auth: {
						domain: host,
						client_endpoint: `${this.origin}/bitrix24/rest/`,
						server_endpoint: `${this.origin}/bitrix24/oauth/rest/`,
						member_id: this.memberId,
						application_token: handler.applicationToken,
					},
				}),
			).toString();
			this.enqueue(event, taskId, handler.url, payload);
		}
	}

	private enqueue(event: string, taskId: number, url: string, payload: string): void {
		this.queue = this.queue.then(async () => {
			if (this.closed) return;
			const delivery: Delivery = { seq: this.nextId.delivery++, event, taskId, url, status: 0, error: null, time: bitrixTime(), payload };
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Bitrix24 Webhook Engine (stand-in)' },
					body: payload,
					signal: AbortSignal.timeout(30_000),
				});
				delivery.status = response.status;
				await response.text().catch(() => '');
			} catch (error) {
				delivery.error = (error as Error).message;
			}
			this.deliveries.push(delivery);
		});
	}
}
