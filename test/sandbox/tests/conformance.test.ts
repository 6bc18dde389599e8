/**
 * Walks every operation of the shared Harvest OpenAPI description against a running sandbox:
 * each method + path is served, a request built from the documented example is accepted with
 * the documented status, and the response validates against the documented schema (every
 * documented property present; any of them may be null).
 *
 * The description has no request examples, only response examples; request bodies take the
 * writable fields of the operation's documented response example, plus the required fields and
 * relations (ids of records that exist in the sandbox).
 */
import { startSandbox, type Sandbox } from '../index';
import { api, sandboxDate } from './helpers';
import { buildValidators, loadSpec, operations, type Operation } from './openapi';

const spec = loadSpec();
const ops = operations(spec);
const { validatorFor } = buildValidators(spec);

const RANK: Record<string, number> = { POST: 0, GET: 1, PATCH: 2, DELETE: 3 };
const ordered = ops
	.map((o, i) => ({ o, i }))
	.sort((a, b) => RANK[a.o.method] - RANK[b.o.method] || a.i - b.i)
	.map(({ o }) => o);

let sb: Sandbox;
/** Ids created by POST of a collection (pattern → {id, params}), reused by GET/PATCH of the item. */
const created = new Map<string, { id: number; params: Record<string, number> }>();
let W: Record<string, number>;

function exampleOf(o: Operation): any {
	const res = o.op.responses[o.method === 'POST' ? '201' : '200'];
	return res?.content?.['application/json']?.example;
}

/** Writable scalar fields of the documented response example. */
function fromExample(o: Operation): Record<string, unknown> {
	const props = o.op.requestBody?.content['application/json'].schema.properties ?? {};
	const ex = exampleOf(o) ?? {};
	const out: Record<string, unknown> = {};
	for (const k of Object.keys(props)) {
		if (k.endsWith('_id') || k === 'receipt' || !(k in ex)) continue;
		if (ex[k] !== null && typeof ex[k] === 'object') continue;
		out[k] = ex[k];
	}
	return out;
}

/** Required fields and relations the examples cannot provide. */
function extraBody(o: Operation): Record<string, unknown> {
	const key = `${o.method} ${o.path}`;
	const recipients = [{ name: 'Richard Roe', email: 'richardroe@example.com' }];
	switch (key) {
		case 'POST /contacts':
			return { client_id: W.clientId, first_name: 'Jane', last_name: 'Doe', email: 'jane@example.com' };
		case 'POST /estimates':
			return { client_id: W.clientId, line_items: [{ kind: 'Service', description: 'Phase 2', quantity: 100, unit_price: 100, taxed: true }] };
		case 'POST /invoices':
			return { client_id: W.clientId, line_items: [{ kind: 'Service', description: 'Phase 1', quantity: 10, unit_price: 100, project_id: W.projectId }] };
		case 'POST /estimates/{estimateId}/messages':
		case 'POST /invoices/{invoiceId}/messages':
			return { recipients };
		case 'POST /expenses':
			return { project_id: W.projectId, expense_category_id: W.categoryId, user_id: W.meId };
		case 'POST /projects':
			return { client_id: W.clientId };
		case 'POST /projects/{projectId}/task_assignments':
			return { task_id: W.freeTaskId };
		case 'POST /projects/{projectId}/user_assignments':
			return { user_id: W.freeUserId };
		case 'POST /time_entries':
			return { project_id: W.projectId, task_id: W.taskId, user_id: W.meId };
		case 'POST /users/{userId}/billable_rates':
			return { amount: 120 };
		case 'PATCH /users/{userId}/teammates':
			return { teammate_ids: [W.memberId] };
		default:
			return {};
	}
}

function bodyFor(o: Operation): Record<string, unknown> | undefined {
	if (!o.op.requestBody) return undefined;
	const body = { ...fromExample(o), ...extraBody(o) };
	// Documented: pass either paid_at or paid_date, not both.
	if ('paid_at' in body && 'paid_date' in body) delete body.paid_date;
	return body;
}

function paramNames(p: string): string[] {
	return Array.from(p.matchAll(/\{(\w+)\}/g), (m) => m[1]);
}

/** The collection an item path belongs to: `/clients/{clientId}` → `/clients`. */
function collectionOf(p: string): string | null {
	const m = /^(.*)\/\{\w+\}$/.exec(p);
	return m ? m[1] : null;
}

/** Which working-set record stands in for each path parameter. */
const WORKING: Record<string, string> = {
	clientId: 'clientId', contactId: 'contactId', estimateId: 'estimateId', estimateItemCategoryId: 'estimateItemCategoryId',
	expenseCategoryId: 'categoryId', expenseId: 'expenseId', invoiceItemCategoryId: 'invoiceItemCategoryId', invoiceId: 'invoiceId',
	messageId: 'messageId', paymentId: 'paymentId', projectId: 'projectId', taskAssignmentId: 'taskAssignmentId',
	userAssignmentId: 'userAssignmentId', roleId: 'roleId', taskId: 'taskId', timeEntryId: 'timeEntryId', userId: 'managerId',
	billableRateId: 'billableRateId', costRateId: 'costRateId',
};

async function fresh(resource: string, fields: Record<string, unknown> = {}): Promise<number> {
	return sb.mutate({ resource: resource as never, action: 'create', fields }).id as number;
}

/** Path parameters: parents from the working set, the item from the collection's own POST when there was one. */
async function paramsFor(o: Operation): Promise<Record<string, number>> {
	const names = paramNames(o.path);
	const params: Record<string, number> = {};
	for (const n of names) params[n] = W[WORKING[n]];
	const key = `${o.method} ${o.path}`;
	if (o.method === 'DELETE') return { ...params, ...(await deleteTarget(key, params)) };
	if (key === 'PATCH /time_entries/{timeEntryId}/stop') return { timeEntryId: W.runningEntryId };
	if (key === 'PATCH /time_entries/{timeEntryId}/restart') return { timeEntryId: W.stoppedEntryId };
	if (key === 'GET /invoices/{invoiceId}/messages/new') return params;
	const collection = collectionOf(o.path);
	const made = collection ? created.get(collection) : undefined;
	if (made && names.length) return { ...params, ...made.params, [names[names.length - 1]]: made.id };
	return params;
}

/** A fresh record for every DELETE, so that deletion rules (guards) never get in the way. */
async function deleteTarget(key: string, params: Record<string, number>): Promise<Record<string, number>> {
	switch (key) {
		case 'DELETE /clients/{clientId}':
			return { clientId: await fresh('clients') };
		case 'DELETE /contacts/{contactId}':
			return { contactId: await fresh('contacts', { client_id: W.clientId }) };
		case 'DELETE /estimate_item_categories/{estimateItemCategoryId}':
			return { estimateItemCategoryId: await fresh('estimate_item_categories') };
		case 'DELETE /estimates/{estimateId}':
			return { estimateId: await fresh('estimates', { client_id: W.clientId }) };
		case 'DELETE /estimates/{estimateId}/messages/{messageId}': {
			const m = await api(sb, 'POST', `/estimates/${params.estimateId}/messages`, { json: { recipients: [{ email: 'a@example.com' }] } });
			return { messageId: m.json.id };
		}
		case 'DELETE /expense_categories/{expenseCategoryId}':
			return { expenseCategoryId: await fresh('expense_categories') };
		case 'DELETE /expenses/{expenseId}':
			return { expenseId: await fresh('expenses', { project_id: W.projectId, user_id: W.meId }) };
		case 'DELETE /invoice_item_categories/{invoiceItemCategoryId}':
			return { invoiceItemCategoryId: await fresh('invoice_item_categories') };
		case 'DELETE /invoices/{invoiceId}':
			return { invoiceId: await fresh('invoices', { client_id: W.clientId }) };
		case 'DELETE /invoices/{invoiceId}/messages/{messageId}': {
			const m = await api(sb, 'POST', `/invoices/${params.invoiceId}/messages`, { json: { recipients: [{ email: 'a@example.com' }] } });
			return { messageId: m.json.id };
		}
		case 'DELETE /invoices/{invoiceId}/payments/{paymentId}': {
			const p = await api(sb, 'POST', `/invoices/${params.invoiceId}/payments`, { json: { amount: 5 } });
			return { paymentId: p.json.id };
		}
		case 'DELETE /projects/{projectId}':
			return { projectId: await fresh('projects', { client_id: W.clientId }) };
		case 'DELETE /projects/{projectId}/task_assignments/{taskAssignmentId}': {
			const task = await fresh('tasks');
			return { taskAssignmentId: await fresh('task_assignments', { project_id: params.projectId, task_id: task }) };
		}
		case 'DELETE /projects/{projectId}/user_assignments/{userAssignmentId}': {
			const user = await fresh('users');
			return { userAssignmentId: await fresh('user_assignments', { project_id: params.projectId, user_id: user }) };
		}
		case 'DELETE /roles/{roleId}': {
			const r = await api(sb, 'POST', '/roles', { json: { name: `Temp role ${Date.now()}` } });
			return { roleId: r.json.id };
		}
		case 'DELETE /tasks/{taskId}':
			return { taskId: await fresh('tasks') };
		case 'DELETE /time_entries/{timeEntryId}':
			return { timeEntryId: await fresh('time_entries', { project_id: W.projectId, user_id: W.meId }) };
		case 'DELETE /time_entries/{timeEntryId}/external_reference':
			return { timeEntryId: W.stoppedEntryId };
		case 'DELETE /users/{userId}':
			return { userId: await fresh('users') };
		default:
			throw new Error(`no delete fixture for ${key}`);
	}
}

function queryFor(o: Operation): Record<string, string> {
	const q: Record<string, string> = {};
	for (const p of o.op.parameters ?? []) {
		if (p.in !== 'query' || !p.required) continue;
		if (p.name === 'from') q.from = sandboxDate(sb, -364).replace(/-/g, '');
		else if (p.name === 'to') q.to = sandboxDate(sb, 0).replace(/-/g, '');
		else throw new Error(`no value for required query parameter ${p.name}`);
	}
	return q;
}

beforeAll(async () => {
	sb = await startSandbox({ seed: 7, records: 300, rateLimits: false });
	const store = sb.store.account();
	const me = store.meId;
	const clientId = sb.mutate({ resource: 'clients', action: 'create', fields: { name: 'Conformance Client' } }).id as number;
	const projectId = sb.mutate({ resource: 'projects', action: 'create', fields: { client_id: clientId, name: 'Conformance Project' } }).id as number;
	const taskAssignment = store.taskAssignments.find((ta) => ta.project_id === projectId && ta.is_active);
	if (!taskAssignment) throw new Error('the new project has no default task');
	const manager = store.users.find((u) => u.access_roles.includes('manager') && u.is_active);
	const member = store.users.find((u) => u.access_roles.includes('member') && u.is_active);
	if (!manager || !member) throw new Error('seed without manager/member');
	const other = sb.mutate({ resource: 'users', action: 'create' }).id as number;
	sb.mutate({ resource: 'user_assignments', action: 'create', fields: { project_id: projectId, user_id: other } });
	const free = sb.mutate({ resource: 'users', action: 'create' }).id as number;
	const freeTask = sb.mutate({ resource: 'tasks', action: 'create' }).id as number;
	const category = store.expenseCategories.find((c) => c.is_active && c.unit_price === null);
	const invoice = sb.mutate({ resource: 'invoices', action: 'create', fields: { client_id: clientId, line_items: [{ kind: 'Service', quantity: 1, unit_price: 100000 }] } }).id as number;
	await api(sb, 'POST', `/invoices/${invoice}/messages`, { json: { event_type: 'send' } });
	const estimate = sb.mutate({ resource: 'estimates', action: 'create', fields: { client_id: clientId } }).id as number;
	W = {
		meId: me, clientId, projectId, taskId: taskAssignment.task_id, managerId: manager.id, memberId: member.id,
		freeUserId: free, freeTaskId: freeTask, categoryId: (category as { id: number }).id, invoiceId: invoice, estimateId: estimate,
		stoppedEntryId: sb.mutate({ resource: 'time_entries', action: 'create', fields: { project_id: projectId, user_id: me, external_reference: { id: '77', permalink: 'https://example.com/77' } } }).id as number,
		runningEntryId: sb.mutate({ resource: 'time_entries', action: 'create', fields: { project_id: projectId, user_id: other, hours: null } }).id as number,
	};
});

afterAll(async () => {
	await sb?.close();
});

test('the description has the 113 documented operations', () => {
	expect(ops).toHaveLength(113);
	expect(new Set(ops.map((o) => `${o.method} ${o.path}`)).size).toBe(113);
});

describe.each(ordered.map((o) => [`${o.method} ${o.path}`, o] as const))('%s', (_name, o) => {
	test('is served, accepts the documented request and answers the documented shape', async () => {
		const params = await paramsFor(o);
		const url = o.path.replace(/\{(\w+)\}/g, (_m, n: string) => {
			if (params[n] === undefined) throw new Error(`no value for {${n}}`);
			return String(params[n]);
		});
		const body = bodyFor(o);
		for (const field of o.op.requestBody?.content['application/json'].schema.required ?? []) {
			expect({ field, present: body !== undefined && field in body }).toEqual({ field, present: true });
		}
		const res = await api(sb, o.method, url, { query: queryFor(o), json: body });
		const expected = o.method === 'POST' ? 201 : 200;
		expect({ status: res.status, body: res.status === expected ? undefined : res.text }).toEqual({ status: expected, body: undefined });

		if (o.method === 'DELETE') {
			expect(res.text).toBe('');
			return;
		}
		const schemaRef: string = o.op.responses[String(expected)].content['application/json'].schema.$ref;
		const validate = validatorFor(schemaRef.split('/').pop() as string);
		const valid = validate(res.json);
		expect(valid ? [] : validate.errors).toEqual([]);

		// Reports: each row has the columns of the documented example of that report.
		if (o.path.startsWith('/reports/')) {
			const documented = Object.keys(exampleOf(o).results[0]).sort();
			expect(res.json.results.length).toBeGreaterThan(0);
			for (const row of res.json.results) expect(Object.keys(row).sort()).toEqual(documented);
		}
		if (o.method === 'POST' && o.path !== '/invoices/{invoiceId}/payments') {
			created.set(o.path, { id: res.json.id, params });
		}
	});
});
