import type { ApiResult } from './context';
import { dispatch } from './dispatch';
import { ApiError } from './errors';
import type { Row } from './model';
import type { SandboxState } from './state';
import type { AccountStore } from './store';
import type { Table } from './table';

export const MUTABLE_RESOURCES = [
	'clients', 'contacts', 'projects', 'tasks', 'users', 'time_entries', 'invoices', 'estimates', 'expenses',
	'expense_categories', 'invoice_item_categories', 'estimate_item_categories', 'task_assignments', 'user_assignments',
] as const;

export type MutableResource = (typeof MUTABLE_RESOURCES)[number];

export interface MutateOperation {
	/** Harvest account (default: the first one). */
	accountId?: number;
	resource: MutableResource;
	action: 'create' | 'update' | 'delete';
	id?: number;
	/** Writable API fields, as in a POST/PATCH body. On create, missing relations are picked. */
	fields?: Record<string, unknown>;
	/** Stored values set directly afterwards (e.g. approval_status, or updated_at as epoch seconds / ISO). */
	raw?: Record<string, unknown>;
}

export interface MutateOutcome {
	status: number;
	body: unknown;
}

const TABLE_OF: Record<MutableResource, (s: AccountStore) => Table<Row>> = {
	clients: (s) => s.clients as unknown as Table<Row>,
	contacts: (s) => s.contacts as unknown as Table<Row>,
	projects: (s) => s.projects as unknown as Table<Row>,
	tasks: (s) => s.tasks as unknown as Table<Row>,
	users: (s) => s.users as unknown as Table<Row>,
	time_entries: (s) => s.timeEntries as unknown as Table<Row>,
	invoices: (s) => s.invoices as unknown as Table<Row>,
	estimates: (s) => s.estimates as unknown as Table<Row>,
	expenses: (s) => s.expenses as unknown as Table<Row>,
	expense_categories: (s) => s.expenseCategories as unknown as Table<Row>,
	invoice_item_categories: (s) => s.invoiceItemCategories as unknown as Table<Row>,
	estimate_item_categories: (s) => s.estimateItemCategories as unknown as Table<Row>,
	task_assignments: (s) => s.taskAssignments as unknown as Table<Row>,
	user_assignments: (s) => s.userAssignments as unknown as Table<Row>,
};

function uniqueName(table: Table<Row>, base: string, field = 'name'): string {
	const taken = new Set(table.all().map((r) => String((r as unknown as Record<string, unknown>)[field]).toLowerCase()));
	for (let i = table.size + 1; ; i++) {
		const name = `${base} ${i}`;
		if (!taken.has(name.toLowerCase())) return name;
	}
}

/** Fills the relations and required fields a create needs, choosing existing valid records. */
function createDefaults(state: SandboxState, store: AccountStore, resource: MutableResource, given: Record<string, unknown>): Record<string, unknown> {
	const rng = state.mutateRng;
	const pick = <T>(list: T[], what: string): T => {
		if (!list.length) throw new ApiError(422, { message: `mutate: no ${what} to pick from` });
		return list[Math.floor(rng.next() * list.length)];
	};
	const today = state.clock.today();
	const activeProjects = () => store.projects.all().filter((p) => p.is_active);
	const workable = () =>
		store.userAssignments.all().filter((ua) => {
			const p = store.projects.get(ua.project_id);
			return p?.is_active && ua.is_active && store.users.get(ua.user_id)?.is_active && store.taskAssignments.some((ta) => ta.project_id === p.id && ta.is_active);
		});
	switch (resource) {
		case 'clients':
			return { name: uniqueName(TABLE_OF.clients(store), 'Trigger Client'), ...given };
		case 'contacts':
			return { client_id: pick(store.clients.all(), 'clients').id, first_name: 'Pat', last_name: 'Example', ...given };
		case 'projects':
			return { client_id: pick(store.clients.all().filter((c) => c.is_active), 'active clients').id, name: uniqueName(TABLE_OF.projects(store), 'Trigger Project'), is_billable: true, bill_by: 'Project', hourly_rate: 100, budget_by: 'none', ...given };
		case 'tasks':
			return { name: uniqueName(TABLE_OF.tasks(store), 'Trigger Task'), ...given };
		case 'users': {
			const n = store.users.size + 1 + Math.floor(rng.next() * 1e6);
			return { first_name: 'Trigger', last_name: `User ${n}`, email: `trigger.user.${n}@example.com`, ...given };
		}
		case 'expense_categories':
		case 'invoice_item_categories':
		case 'estimate_item_categories':
			return { name: uniqueName(TABLE_OF[resource](store), 'Trigger Category'), ...given };
		case 'time_entries':
		case 'expenses': {
			let candidates = workable();
			if (given.project_id !== undefined) candidates = candidates.filter((ua) => ua.project_id === Number(given.project_id));
			if (given.user_id !== undefined) candidates = candidates.filter((ua) => ua.user_id === Number(given.user_id));
			const ua = pick(candidates, 'active user assignments');
			if (resource === 'expenses') {
				const category = given.expense_category_id ?? pick(store.expenseCategories.all().filter((c) => c.is_active && c.unit_price === null), 'expense categories').id;
				return { project_id: ua.project_id, user_id: ua.user_id, expense_category_id: category, spent_date: today, total_cost: 25, notes: 'Created by mutate', ...given };
			}
			const task = given.task_id ?? pick(store.taskAssignments.all().filter((ta) => ta.project_id === ua.project_id && ta.is_active), 'task assignments').task_id;
			return { project_id: ua.project_id, user_id: ua.user_id, task_id: task, spent_date: today, hours: 1, notes: 'Created by mutate', ...given };
		}
		case 'invoices':
		case 'estimates':
			return {
				client_id: pick(store.clients.all().filter((c) => c.is_active), 'active clients').id,
				line_items: [{ kind: 'Service', description: 'Created by mutate', quantity: 1, unit_price: 100 }],
				...given,
			};
		case 'task_assignments': {
			const project = given.project_id !== undefined ? store.projects.get(Number(given.project_id)) : pick(activeProjects(), 'active projects');
			const free = store.tasks.all().filter((t) => t.is_active && !store.taskAssignmentFor(project?.id ?? 0, t.id));
			return { project_id: project?.id ?? given.project_id, task_id: given.task_id ?? pick(free, 'unassigned tasks').id, ...given };
		}
		case 'user_assignments': {
			const project = given.project_id !== undefined ? store.projects.get(Number(given.project_id)) : pick(activeProjects(), 'active projects');
			const free = store.users.all().filter((u) => u.is_active && !store.userAssignmentFor(project?.id ?? 0, u.id));
			return { project_id: project?.id ?? given.project_id, user_id: given.user_id ?? pick(free, 'unassigned users').id, ...given };
		}
	}
	return given;
}

function pathOf(store: AccountStore, resource: MutableResource, id: number | undefined, fields: Record<string, unknown>): string {
	if (resource === 'task_assignments' || resource === 'user_assignments') {
		const row = id === undefined ? undefined : (TABLE_OF[resource](store).get(id) as unknown as { project_id: number } | undefined);
		const projectId = row?.project_id ?? fields.project_id;
		if (projectId === undefined) throw new ApiError(422, { message: 'mutate: project_id is required for assignments' });
		return `/v2/projects/${String(projectId)}/${resource}${id === undefined ? '' : `/${id}`}`;
	}
	return `/v2/${resource}${id === undefined ? '' : `/${id}`}`;
}

function applyRaw(state: SandboxState, store: AccountStore, resource: MutableResource, id: number, raw: Record<string, unknown>): void {
	const table = TABLE_OF[resource](store);
	const row = table.get(id);
	if (!row) return;
	const toSec = (v: unknown) => (typeof v === 'number' ? v : Math.floor(Date.parse(String(v)) / 1000));
	table.update(row, (r) => {
		const target = r as unknown as Record<string, unknown>;
		for (const [k, v] of Object.entries(raw)) {
			if (k === 'id') continue;
			target[k] = k === 'created_at' || k === 'updated_at' || k === 'timer_started_at' ? (v === null ? null : toSec(v)) : v;
		}
		if (!('updated_at' in raw)) r.updated_at = state.clock.nowSec();
	});
}

/**
 * Changes data directly (no auth, no rate limit, not logged) through the same rules as the
 * API, so triggers see exactly what a real change would produce.
 */
export function mutate(state: SandboxState, op: MutateOperation, origin: string): MutateOutcome {
	if (!op || typeof op !== 'object') return { status: 400, body: { error: 'operation must be an object' } };
	if (!(MUTABLE_RESOURCES as readonly string[]).includes(op.resource)) {
		return { status: 400, body: { error: `resource must be one of ${MUTABLE_RESOURCES.join(', ')}` } };
	}
	if (!['create', 'update', 'delete'].includes(op.action)) return { status: 400, body: { error: 'action must be create, update or delete' } };
	if (op.action !== 'create' && (typeof op.id !== 'number' || !Number.isInteger(op.id))) return { status: 400, body: { error: 'id (integer) is required for update and delete' } };
	let store: AccountStore;
	try {
		store = state.store(op.accountId);
	} catch (e) {
		return { status: 400, body: { error: (e as Error).message } };
	}
	try {
		const given = { ...(op.fields ?? {}) };
		const fields = op.action === 'create' ? createDefaults(state, store, op.resource, given) : given;
		const path = pathOf(store, op.resource, op.id, fields);
		if (op.resource === 'task_assignments' || op.resource === 'user_assignments') delete fields.project_id;
		const method = op.action === 'create' ? 'POST' : op.action === 'update' ? 'PATCH' : 'DELETE';
		const result: ApiResult = dispatch(state, store, { method, path, fields, origin });
		if (op.action === 'delete') return { status: 200, body: { id: op.id, deleted: true } };
		const id = (result.body as { id: number }).id;
		if (op.raw && Object.keys(op.raw).length) {
			applyRaw(state, store, op.resource, id, op.raw);
			return { status: result.status, body: dispatch(state, store, { method: 'GET', path: pathOf(store, op.resource, id, fields), origin }).body };
		}
		return { status: result.status, body: result.body };
	} catch (e) {
		if (e instanceof ApiError) return { status: e.status, body: e.body };
		throw e;
	}
}
