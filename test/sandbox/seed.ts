import { dateToSec, isoDate } from './clock';
import type {
	ClientRow, ProjectRow, RateRow, Row, TaskAssignmentRow, TaskRow, UserAssignmentRow, UserRow,
} from './model';
import type { Rng } from './rng';
import { seedActivity } from './seedActivity';
import { CITIES, CLIENT_FIRST, CLIENT_SECOND, FIRST_NAMES, LAST_NAMES, PROJECT_NAMES, STREETS, TASKS, TIMEZONES } from './seedNames';
import type { AccountStore } from './store';
import type { Table } from './table';

export interface SeedPlan {
	/** Number of time entries; everything else scales from it. */
	timeEntries: number;
	companyName: string;
	owner: { first_name: string; last_name: string; email: string };
}

const DAY = 86400;

/** Shared state of one account's generation: the random source and the "today" it ends at. */
export class SeedContext {
	/** Epoch seconds of today's midnight (UTC): every generated timestamp is before it. */
	readonly anchor: number;

	constructor(
		readonly store: AccountStore,
		readonly rng: Rng,
		anchorDate: string,
	) {
		this.anchor = dateToSec(anchorDate);
	}

	/** A time `daysAgo` days before the anchor, at a random working hour. */
	at(daysAgo: number): number {
		return Math.min(this.anchor - 1, this.anchor - daysAgo * DAY + this.rng.int(8 * 3600, 18 * 3600));
	}

	/** created_at/updated_at where most rows were never edited and some were edited later. */
	stamps(created: number, editChance = 0.3): { created_at: number; updated_at: number } {
		const updated = this.rng.chance(editChance) ? Math.min(this.anchor - 1, created + this.rng.int(60, 20 * DAY)) : created;
		return { created_at: created, updated_at: updated };
	}

	/** Inserts rows in creation order so that ids grow with created_at, as in Harvest. */
	insertAll<T extends Row>(table: Table<T>, rows: Array<Omit<T, 'id'>>): T[] {
		return rows
			.map((row, i) => ({ row, i }))
			.sort((a, b) => a.row.created_at - b.row.created_at || a.i - b.i)
			.map(({ row }) => table.insert({ ...row, id: table.ids.next() } as T));
	}
}

/** Fills an empty account with a realistic, fully deterministic data set. */
export function seedAccount(store: AccountStore, rng: Rng, anchorDate: string, plan: SeedPlan): void {
	const ctx = new SeedContext(store, rng, anchorDate);
	const n = Math.max(0, Math.floor(plan.timeEntries));
	const scale = Math.sqrt(Math.max(n, 1) / 1000);
	const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(v)));
	const slug = plan.companyName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
	store.company = {
		base_uri: `https://${slug}.harvestapp.com`, full_domain: `${slug}.harvestapp.com`, name: plan.companyName, is_active: true,
		week_start_day: 'Monday', wants_timestamp_timers: false, time_format: 'hours_minutes', date_format: '%Y-%m-%d',
		plan_type: 'business', clock: '12h', currency: 'USD', currency_code_display: 'iso_code_none',
		currency_symbol_display: 'symbol_before', decimal_symbol: '.', thousands_separator: ',', color_scheme: 'orange',
		weekly_capacity: 126000, expense_feature: true, invoice_feature: true, estimate_feature: true, approval_feature: true,
		team_feature: true,
	};
	const users = seedUsers(ctx, plan, clamp(10 * scale, 4, 250));
	const tasks = seedTasks(ctx, clamp(8 + 7 * Math.sqrt(scale), 6, TASKS.length));
	seedCategories(ctx);
	seedRoles(ctx, users);
	const clients = seedClients(ctx, clamp(20 * scale, 3, 300));
	const projects = seedProjects(ctx, clients, clamp(40 * scale, 4, 600));
	seedAssignments(ctx, projects, tasks, users);
	seedActivity(ctx, n, clamp(n / 20, 5, 20000));
}

function person(rng: Rng, i: number): { first_name: string; last_name: string } {
	return { first_name: FIRST_NAMES[(i * 7 + rng.int(0, 3)) % FIRST_NAMES.length], last_name: rng.pick(LAST_NAMES) };
}

function seedUsers(ctx: SeedContext, plan: SeedPlan, count: number): UserRow[] {
	const { rng, store } = ctx;
	const rows: Array<Omit<UserRow, 'id'>> = [];
	const seen = new Set<string>();
	for (let i = 0; i < count; i++) {
		const p = i === 0 ? { first_name: plan.owner.first_name, last_name: plan.owner.last_name } : person(rng, i);
		let email = i === 0 ? plan.owner.email : `${p.first_name}.${p.last_name}`.toLowerCase() + '@example.com';
		for (let k = 2; seen.has(email); k++) email = `${p.first_name}.${p.last_name}${k}`.toLowerCase() + '@example.com';
		seen.add(email);
		const role = i === 0 ? 'administrator' : i % 5 === 1 ? 'manager' : 'member';
		rows.push({
			...p, email, telephone: rng.chance(0.5) ? `+1 555 01${String(rng.int(0, 99)).padStart(2, '0')}` : '',
			timezone: rng.pick(TIMEZONES), has_access_to_all_future_projects: i === 0 || rng.chance(0.1),
			is_contractor: i > 0 && i % 7 === 3, is_active: !(i > 0 && i % 9 === 8),
			weekly_capacity: rng.chance(0.7) ? 126000 : 144000, default_hourly_rate: rng.pick([75, 90, 100, 120, 150]),
			cost_rate: rng.pick([40, 50, 60, 70]), access_roles: role === 'manager' ? ['manager', 'project_creator'] : [role],
			avatar_url: `https://cache.harvestapp.com/assets/profile_images/sandbox-${(i % 12) + 1}.png`, teammate_ids: [],
			...ctx.stamps(ctx.at(730 - Math.floor((i * 300) / Math.max(count, 1))), 0.2),
		});
	}
	const users = ctx.insertAll(store.users, rows);
	users.sort((a, b) => a.id - b.id);
	store.meId = users[0].id;
	const members = users.filter((u) => u.access_roles.includes('member'));
	for (const manager of users.filter((u) => u.access_roles.includes('manager'))) {
		manager.teammate_ids = rng.sample(members, rng.int(1, 3)).map((u) => u.id);
		if (manager.teammate_ids.length) manager.access_roles.push('people_manager');
	}
	seedRates(ctx, users);
	return users;
}

/** One or two rates per kind and user: an open-ended first rate, sometimes a raise later on. */
function seedRates(ctx: SeedContext, users: UserRow[]): void {
	const { rng, store } = ctx;
	for (const [table, amountOf] of [
		[store.billableRates, (u: UserRow) => u.default_hourly_rate ?? 0],
		[store.costRates, (u: UserRow) => u.cost_rate ?? 0],
	] as Array<[Table<RateRow>, (u: UserRow) => number]>) {
		const rows: Array<Omit<RateRow, 'id'>> = [];
		for (const user of users) {
			const amount = amountOf(user);
			const created = user.created_at;
			if (rng.chance(0.4)) {
				const raiseDay = rng.int(60, 300);
				const raised = Math.max(created + 1, ctx.at(raiseDay));
				rows.push(
					{ user_id: user.id, amount: Math.round(amount * 0.9), start_date: null, end_date: isoDate(ctx.anchor - (raiseDay + 1) * DAY), created_at: created, updated_at: raised },
					{ user_id: user.id, amount, start_date: isoDate(ctx.anchor - raiseDay * DAY), end_date: null, created_at: raised, updated_at: raised },
				);
			} else {
				rows.push({ user_id: user.id, amount, start_date: null, end_date: null, created_at: created, updated_at: created });
			}
		}
		ctx.insertAll(table, rows);
	}
}

function seedTasks(ctx: SeedContext, count: number): TaskRow[] {
	return ctx.insertAll(
		ctx.store.tasks,
		TASKS.slice(0, count).map((t, i) => ({
			name: t.name, billable_by_default: t.billable, default_hourly_rate: t.billable ? ctx.rng.pick([0, 100, 120]) : 0,
			is_default: t.isDefault, is_active: i < count - 1, ...ctx.stamps(ctx.at(728 - i), 0.1),
		})),
	);
}

function seedCategories(ctx: SeedContext): void {
	const { store } = ctx;
	ctx.insertAll(store.expenseCategories, [
		{ name: 'Meals', unit_name: null, unit_price: null, is_active: true, ...ctx.stamps(ctx.at(729), 0) },
		{ name: 'Lodging', unit_name: null, unit_price: null, is_active: true, ...ctx.stamps(ctx.at(729), 0) },
		{ name: 'Transportation', unit_name: null, unit_price: null, is_active: true, ...ctx.stamps(ctx.at(729), 0) },
		{ name: 'Mileage', unit_name: 'mile', unit_price: 0.67, is_active: true, ...ctx.stamps(ctx.at(729), 0.5) },
		{ name: 'Entertainment', unit_name: null, unit_price: null, is_active: true, ...ctx.stamps(ctx.at(729), 0) },
		{ name: 'Office Supplies', unit_name: null, unit_price: null, is_active: false, ...ctx.stamps(ctx.at(729), 0) },
	]);
	ctx.insertAll(store.invoiceItemCategories, [
		{ name: 'Service', use_as_service: true, use_as_expense: false, ...ctx.stamps(ctx.at(730), 0) },
		{ name: 'Product', use_as_service: false, use_as_expense: true, ...ctx.stamps(ctx.at(730), 0) },
		{ name: 'Travel', use_as_service: false, use_as_expense: false, ...ctx.stamps(ctx.at(700), 0) },
		{ name: 'Discount', use_as_service: false, use_as_expense: false, ...ctx.stamps(ctx.at(650), 0) },
	]);
	ctx.insertAll(store.estimateItemCategories, [
		{ name: 'Service', ...ctx.stamps(ctx.at(730), 0) },
		{ name: 'Product', ...ctx.stamps(ctx.at(730), 0) },
		{ name: 'Retainer', ...ctx.stamps(ctx.at(500), 0) },
	]);
}

function seedRoles(ctx: SeedContext, users: UserRow[]): void {
	const names = ['Designer', 'Developer', 'Project Manager', 'Strategist'];
	ctx.insertAll(
		ctx.store.roles,
		names.map((name, i) => ({
			name, user_ids: users.filter((_, k) => k > 0 && k % names.length === i).map((u) => u.id), ...ctx.stamps(ctx.at(720 - i * 10)),
		})),
	);
}

function seedClients(ctx: SeedContext, count: number): ClientRow[] {
	const { rng } = ctx;
	const rows: Array<Omit<ClientRow, 'id'>> = [];
	const used = new Set<string>();
	for (let i = 0; i < count; i++) {
		let name = `${rng.pick(CLIENT_FIRST)} ${rng.pick(CLIENT_SECOND)}`;
		for (let k = 2; used.has(name); k++) name = `${name.replace(/ \d+$/, '')} ${k}`;
		used.add(name);
		rows.push({
			name, is_active: !(i % 11 === 10), address: rng.chance(0.8) ? `${rng.int(1, 999)} ${rng.pick(STREETS)}\n${rng.pick(CITIES)}` : null,
			statement_key: rng.hex(32), currency: rng.chance(0.75) ? 'USD' : rng.pick(['EUR', 'GBP', 'CAD']),
			...ctx.stamps(ctx.at(rng.int(380, 720))),
		});
	}
	const clients = ctx.insertAll(ctx.store.clients, rows);
	const contacts = clients.flatMap((c) =>
		Array.from({ length: rng.int(1, 2) }, () => {
			const p = person(rng, rng.int(0, 100));
			return {
				client_id: c.id, title: rng.pick(['Owner', 'CEO', 'Marketing Lead', 'Office Manager', null]), ...p,
				email: `${p.first_name}.${p.last_name}@${c.name.toLowerCase().replace(/[^a-z]+/g, '')}.example`.toLowerCase(),
				phone_office: `+1 555 02${String(rng.int(0, 99)).padStart(2, '0')}`, phone_mobile: '', fax: '',
				...ctx.stamps(c.created_at + rng.int(60, 3 * DAY)),
			};
		}),
	);
	ctx.insertAll(ctx.store.contacts, contacts);
	return clients;
}

function seedProjects(ctx: SeedContext, clients: ClientRow[], count: number): ProjectRow[] {
	const { rng } = ctx;
	const rows: Array<Omit<ProjectRow, 'id'>> = [];
	for (let i = 0; i < count; i++) {
		const client = clients[i < clients.length ? i : rng.int(0, clients.length - 1)];
		const created = Math.max(client.created_at + DAY, ctx.at(rng.chance(0.85) ? rng.int(370, 700) : rng.int(20, 360)));
		const billBy = rng.pick(['Project', 'Project', 'Tasks', 'People', 'People', 'none']);
		const budgetBy = rng.pick(['project', 'project_cost', 'task', 'person', 'none', 'none']);
		const fixedFee = billBy !== 'none' && rng.chance(0.1);
		const name = `${rng.pick(PROJECT_NAMES)}${rng.chance(0.3) ? ` - Phase ${rng.int(1, 3)}` : ''}`;
		rows.push({
			client_id: client.id, name, code: rng.chance(0.7) ? `${name.replace(/[^A-Z]/g, '').slice(0, 3)}${rng.int(1, 99)}` : null,
			is_active: client.is_active && rng.chance(0.88), is_billable: billBy !== 'none', is_fixed_fee: fixedFee, bill_by: billBy,
			hourly_rate: billBy === 'Project' ? rng.pick([90, 100, 125, 150]) : null, budget_by: budgetBy,
			budget_is_monthly: budgetBy === 'project' && rng.chance(0.2), budget: budgetBy === 'project' ? rng.pick([50, 100, 200, 400]) : null,
			cost_budget: budgetBy === 'project_cost' ? rng.pick([5000, 10000, 25000]) : null, cost_budget_include_expenses: rng.chance(0.3),
			notify_when_over_budget: rng.chance(0.5), over_budget_notification_percentage: 80, over_budget_notification_date: null,
			show_budget_to_all: rng.chance(0.2), fee: fixedFee ? rng.pick([5000, 12000, 30000]) : null,
			notes: rng.chance(0.3) ? 'Scope agreed in the kick-off meeting.' : null, starts_on: isoDate(created),
			ends_on: rng.chance(0.2) ? isoDate(created + rng.int(90, 400) * DAY) : null, ...ctx.stamps(created),
		});
	}
	return ctx.insertAll(ctx.store.projects, rows);
}

function seedAssignments(ctx: SeedContext, projects: ProjectRow[], tasks: TaskRow[], users: UserRow[]): void {
	const { rng, store } = ctx;
	const tas: Array<Omit<TaskAssignmentRow, 'id'>> = [];
	const uas: Array<Omit<UserAssignmentRow, 'id'>> = [];
	const activeUsers = users.filter((u) => u.is_active || rng.chance(0.5));
	for (const p of projects) {
		const chosen = new Set<TaskRow>(tasks.filter((t) => t.is_default));
		for (const t of rng.sample(tasks, rng.int(1, 3))) chosen.add(t);
		for (const t of chosen) {
			tas.push({
				project_id: p.id, task_id: t.id, is_active: t.is_active, billable: p.is_billable && t.billable_by_default,
				hourly_rate: p.bill_by === 'Tasks' ? t.default_hourly_rate || 100 : p.hourly_rate,
				budget: p.budget_by === 'task' ? rng.pick([10, 20, 40]) : null, ...ctx.stamps(p.created_at, 0.1),
			});
		}
		const people = new Set<UserRow>(rng.sample(activeUsers.slice(1), rng.int(2, 5)));
		if (rng.chance(0.6) || people.size === 0) people.add(users[0]);
		for (const u of users) if (u.has_access_to_all_future_projects) people.add(u);
		let manager = true;
		for (const u of people) {
			const defaults = rng.chance(0.8);
			uas.push({
				project_id: p.id, user_id: u.id, is_active: true, is_project_manager: manager || u.id === store.meId,
				use_default_rates: defaults, hourly_rate: defaults ? u.default_hourly_rate : rng.pick([80, 110, 140]),
				budget: p.budget_by === 'person' ? rng.pick([20, 40, 80]) : null, ...ctx.stamps(p.created_at, 0.1),
			});
			manager = false;
		}
	}
	ctx.insertAll(store.taskAssignments, tas);
	ctx.insertAll(store.userAssignments, uas);
}
