import type { Clock } from './clock';
import type {
	ClientRow, CompanyRow, ContactRow, EstimateItemCategoryRow, EstimateMessageRow, EstimateRow,
	ExpenseCategoryRow, ExpenseRow, InvoiceItemCategoryRow, InvoiceMessageRow, InvoicePaymentRow,
	InvoiceRow, ProjectRow, RateRow, RoleRow, Row, TaskAssignmentRow, TaskRow, TimeEntryRow,
	UserAssignmentRow, UserRow,
} from './model';
import type { Rng } from './rng';
import { createdDesc, IdSequence, Table, type SortSpec } from './table';

/** Where each resource's ids start (realistic magnitudes, all below 2^31). */
const ID_BASES = {
	clients: 5_735_000, contacts: 4_706_000, projects: 14_308_000, tasks: 8_083_000, users: 1_782_000,
	userAssignments: 125_068_000, taskAssignments: 155_505_000, timeEntries: 636_708_000,
	expenses: 15_296_000, expenseCategories: 4_195_000, invoiceItemCategories: 1_466_000,
	estimateItemCategories: 1_376_000, invoices: 13_150_000, invoiceMessages: 27_835_000,
	invoicePayments: 10_336_000, estimates: 1_439_000, estimateMessages: 2_666_000, roles: 618_000,
	billableRates: 1_836_000, costRates: 825_000, lineItems: 53_341_000,
} as const;

type TableName = Exclude<keyof typeof ID_BASES, 'lineItems'>;

const bySpentDate = <T extends Row & { spent_date: string }>(): SortSpec<T> => ({
	names: ['spent_date', 'created_at', 'id'], dirs: [-1, -1, -1], key: (r) => [r.spent_date, r.created_at, r.id],
});
const byIssueDate = <T extends Row & { issue_date: string }>(): SortSpec<T> => ({
	names: ['issue_date', 'created_at', 'id'], dirs: [-1, -1, -1], key: (r) => [r.issue_date, r.created_at, r.id],
});
const byStartDate: SortSpec<RateRow> = {
	names: ['start_date', 'id'], dirs: [1, 1], key: (r) => [r.start_date ?? '', r.id],
};

/** All data of one Harvest account. */
export class AccountStore {
	/** Bumped by every write in the account; list caches key on it. */
	version = 0;
	company!: CompanyRow;
	/** The user behind the access tokens in this account ("me"). */
	meId = 0;
	readonly lineItemIds: IdSequence;

	readonly clients: Table<ClientRow>;
	readonly contacts: Table<ContactRow>;
	readonly projects: Table<ProjectRow>;
	readonly tasks: Table<TaskRow>;
	readonly users: Table<UserRow>;
	readonly userAssignments: Table<UserAssignmentRow>;
	readonly taskAssignments: Table<TaskAssignmentRow>;
	readonly timeEntries: Table<TimeEntryRow>;
	readonly expenses: Table<ExpenseRow>;
	readonly expenseCategories: Table<ExpenseCategoryRow>;
	readonly invoiceItemCategories: Table<InvoiceItemCategoryRow>;
	readonly estimateItemCategories: Table<EstimateItemCategoryRow>;
	readonly invoices: Table<InvoiceRow>;
	readonly invoiceMessages: Table<InvoiceMessageRow>;
	readonly invoicePayments: Table<InvoicePaymentRow>;
	readonly estimates: Table<EstimateRow>;
	readonly estimateMessages: Table<EstimateMessageRow>;
	readonly roles: Table<RoleRow>;
	readonly billableRates: Table<RateRow>;
	readonly costRates: Table<RateRow>;

	private readonly listCache = new Map<string, { version: number; rows: unknown[] }>();
	private uaIndex: { version: number; map: Map<string, UserAssignmentRow> } | null = null;
	private taIndex: { version: number; map: Map<string, TaskAssignmentRow> } | null = null;

	constructor(
		readonly id: number,
		readonly name: string,
		readonly clock: Clock,
		idRng: Rng,
		idOffset: number,
	) {
		const gap = () => 1 + Math.floor(idRng.next() * 3);
		const seq = (name: keyof typeof ID_BASES) => new IdSequence(ID_BASES[name] + idOffset, gap);
		const bump = () => {
			this.version++;
		};
		const table = <T extends Row>(name: TableName, spec: SortSpec<T> = createdDesc<T>()) => new Table<T>(name, spec, seq(name), bump);
		this.lineItemIds = seq('lineItems');
		this.clients = table('clients');
		this.contacts = table('contacts');
		this.projects = table('projects');
		this.tasks = table('tasks');
		this.users = table('users');
		this.userAssignments = table('userAssignments');
		this.taskAssignments = table('taskAssignments');
		this.timeEntries = table('timeEntries', bySpentDate<TimeEntryRow>());
		this.expenses = table('expenses', bySpentDate<ExpenseRow>());
		this.expenseCategories = table('expenseCategories');
		this.invoiceItemCategories = table('invoiceItemCategories');
		this.estimateItemCategories = table('estimateItemCategories');
		this.invoices = table('invoices', byIssueDate<InvoiceRow>());
		this.invoiceMessages = table('invoiceMessages');
		this.invoicePayments = table('invoicePayments');
		this.estimates = table('estimates', byIssueDate<EstimateRow>());
		this.estimateMessages = table('estimateMessages');
		this.roles = table('roles');
		this.billableRates = table('billableRates', byStartDate);
		this.costRates = table('costRates', byStartDate);
	}

	/** Inserts a new row with the next id and created_at = updated_at = now. */
	create<T extends Row>(table: Table<T>, fields: Omit<T, 'id' | 'created_at' | 'updated_at'>): T {
		const now = this.clock.nowSec();
		const row = { id: table.ids.next(), created_at: now, updated_at: now, ...fields } as T;
		return table.insert(row);
	}

	/** Changes a row and stamps updated_at with the current server second. */
	touch<T extends Row>(table: Table<T>, row: T, mutate: (row: T) => void): T {
		return table.update(row, (r) => {
			mutate(r);
			r.updated_at = this.clock.nowSec();
		});
	}

	me(): UserRow {
		const me = this.users.get(this.meId);
		if (!me) throw new Error('the token owner is missing from the account');
		return me;
	}

	userAssignmentFor(projectId: number, userId: number): UserAssignmentRow | undefined {
		const t = this.userAssignments;
		if (!this.uaIndex || this.uaIndex.version !== t.version) {
			const map = new Map<string, UserAssignmentRow>();
			for (const ua of t.values()) map.set(`${ua.project_id}:${ua.user_id}`, ua);
			this.uaIndex = { version: t.version, map };
		}
		return this.uaIndex.map.get(`${projectId}:${userId}`);
	}

	taskAssignmentFor(projectId: number, taskId: number): TaskAssignmentRow | undefined {
		const t = this.taskAssignments;
		if (!this.taIndex || this.taIndex.version !== t.version) {
			const map = new Map<string, TaskAssignmentRow>();
			for (const ta of t.values()) map.set(`${ta.project_id}:${ta.task_id}`, ta);
			this.taIndex = { version: t.version, map };
		}
		return this.taIndex.map.get(`${projectId}:${taskId}`);
	}

	/**
	 * Filters a table's sorted rows, remembering the result until the next write in the
	 * account, so that walking many pages of a big list filters it only once.
	 */
	cachedList<T extends Row>(table: Table<T>, cacheKey: string, predicate: ((row: T) => boolean) | null): readonly T[] {
		if (!predicate) return table.sorted();
		const key = `${table.name}|${cacheKey}`;
		const hit = this.listCache.get(key);
		if (hit && hit.version === this.version) return hit.rows as T[];
		const rows = table.sorted().filter(predicate);
		if (this.listCache.size >= 32) this.listCache.delete(this.listCache.keys().next().value as string);
		this.listCache.set(key, { version: this.version, rows });
		return rows;
	}

	/** Row counts per resource (for `/__sandbox/state`). */
	counts(): Record<string, number> {
		return {
			clients: this.clients.size, contacts: this.contacts.size, projects: this.projects.size,
			tasks: this.tasks.size, users: this.users.size, user_assignments: this.userAssignments.size,
			task_assignments: this.taskAssignments.size, time_entries: this.timeEntries.size,
			expenses: this.expenses.size, expense_categories: this.expenseCategories.size,
			invoice_item_categories: this.invoiceItemCategories.size,
			estimate_item_categories: this.estimateItemCategories.size, invoices: this.invoices.size,
			invoice_messages: this.invoiceMessages.size, invoice_payments: this.invoicePayments.size,
			estimates: this.estimates.size, estimate_messages: this.estimateMessages.size,
			roles: this.roles.size, billable_rates: this.billableRates.size, cost_rates: this.costRates.size,
		};
	}
}
