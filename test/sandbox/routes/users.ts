import { rateOn } from '../calc';
import { created, emptyOk, listOf, must, ok } from '../context';
import { unprocessable } from '../errors';
import { assign, isEmail, type Fields } from '../fields';
import { boolEq, updatedSince } from '../filters';
import type { UserRow } from '../model';
import { presentUser } from '../present';
import type { Router } from '../router';
import type { AccountStore } from '../store';
import { nonNegative, unique } from './helpers';

export const ACCESS_ROLES = ['administrator', 'manager', 'member'] as const;
export const MANAGER_ADDONS = [
	'project_creator', 'billable_rates_manager', 'managed_projects_invoice_drafter', 'managed_projects_invoice_manager',
	'client_and_task_manager', 'time_and_expenses_manager', 'estimates_manager',
] as const;

function accessRoles(body: Fields, current: string[]): string[] | undefined {
	const list = body.array('access_roles');
	if (list === undefined || list === null) return undefined;
	const roles = list.map(String);
	const base = roles.filter((x) => (ACCESS_ROLES as readonly string[]).includes(x));
	if (base.length !== 1) throw unprocessable('Access roles must contain exactly one of administrator, manager or member');
	for (const role of roles) {
		if ((ACCESS_ROLES as readonly string[]).includes(role)) continue;
		if (!(MANAGER_ADDONS as readonly string[]).includes(role)) throw unprocessable(`Access roles contains an unknown role: ${role}`);
		if (base[0] !== 'manager') throw unprocessable(`Access role ${role} can only be given to managers`);
	}
	// people_manager is granted through teammates, not through this field.
	return current.includes('people_manager') && base[0] === 'manager' ? [...roles, 'people_manager'] : roles;
}

/** `roles` on users are names of Role records; setting them rewrites the memberships. */
function setRoleNames(store: AccountStore, userId: number, names: string[]): void {
	const wanted = new Set(names.map((n) => n.trim()).filter(Boolean));
	for (const role of store.roles.sorted().slice()) {
		const has = role.user_ids.includes(userId);
		if (has !== wanted.has(role.name)) {
			store.touch(store.roles, role, (r) => {
				r.user_ids = has ? r.user_ids.filter((id) => id !== userId) : [...r.user_ids, userId];
			});
		}
		wanted.delete(role.name);
	}
	for (const name of wanted) store.create(store.roles, { name, user_ids: [userId] });
}

export function registerUsers(r: Router): void {
	r.get('/users', (ctx) =>
		listOf(ctx, ctx.store.users, {
			key: 'users', kind: 'cursor', present: presentUser,
			filters: [boolEq(ctx.query, 'is_active', (u) => u.is_active), updatedSince(ctx.query)],
		}),
	);

	r.post('/users', ({ store, body, pc }) => {
		const firstName = body.requireStr('first_name');
		const lastName = body.requireStr('last_name');
		const email = body.requireStr('email');
		if (!isEmail(email)) throw unprocessable('Email is invalid');
		unique(store.users, email, (u) => u.email, 'Email');
		const capacity = body.int('weekly_capacity');
		const rate = body.num('default_hourly_rate') ?? 0;
		const cost = body.num('cost_rate') ?? 0;
		nonNegative(rate, 'Default hourly rate');
		nonNegative(cost, 'Cost rate');
		const row = store.create(store.users, {
			first_name: firstName,
			last_name: lastName,
			email,
			telephone: '',
			timezone: body.str('timezone') ?? 'Eastern Time (US & Canada)',
			has_access_to_all_future_projects: body.bool('has_access_to_all_future_projects') ?? false,
			is_contractor: body.bool('is_contractor') ?? false,
			is_active: body.bool('is_active') ?? true,
			weekly_capacity: capacity ?? store.company.weekly_capacity,
			default_hourly_rate: rate,
			cost_rate: cost,
			access_roles: accessRoles(body, []) ?? ['member'],
			avatar_url: 'https://d3s3969qhosaug.cloudfront.net/v2/user.png',
			teammate_ids: [],
		});
		// A user starts with one open-ended rate of each kind. (Creating a user also sends an
		// invitation email in Harvest; nothing is sent here.)
		store.create(store.billableRates, { user_id: row.id, amount: rate, start_date: null, end_date: null });
		store.create(store.costRates, { user_id: row.id, amount: cost, start_date: null, end_date: null });
		const roles = body.array('roles');
		if (roles) setRoleNames(store, row.id, roles.map(String));
		return created(presentUser(pc, row));
	});

	r.get('/users/me', ({ store, pc }) => ok(presentUser(pc, store.me())));

	r.get('/users/{userId}', ({ store, params, pc }) => ok(presentUser(pc, must(store.users, params.userId))));

	r.patch('/users/{userId}', ({ store, params, body, pc }) => {
		const row = must(store.users, params.userId);
		const reactivating = body.bool('is_active') === true;
		const identity = ['first_name', 'last_name', 'email'].filter((f) => body.has(f));
		if (!row.is_active && !reactivating && identity.length) {
			throw unprocessable(`${identity.join(', ')} can't be updated while the user is archived`);
		}
		const email = body.has('email') ? body.requireStr('email') : undefined;
		if (email !== undefined) {
			if (!isEmail(email)) throw unprocessable('Email is invalid');
			unique(store.users, email, (u) => u.email, 'Email', row.id);
		}
		if (row.id === store.meId && body.bool('is_active') === false) throw unprocessable('You cannot archive yourself');
		const updates: Partial<UserRow> = {
			first_name: body.has('first_name') ? body.requireStr('first_name') : undefined,
			last_name: body.has('last_name') ? body.requireStr('last_name') : undefined,
			email,
			timezone: body.str('timezone') ?? undefined,
			has_access_to_all_future_projects: body.bool('has_access_to_all_future_projects') ?? undefined,
			is_contractor: body.bool('is_contractor') ?? undefined,
			is_active: body.bool('is_active') ?? undefined,
			weekly_capacity: body.int('weekly_capacity') ?? undefined,
			access_roles: accessRoles(body, row.access_roles),
		};
		if (updates.access_roles && !updates.access_roles.includes('manager')) updates.teammate_ids = [];
		store.touch(store.users, row, (u) => assign(u, updates));
		const roles = body.array('roles');
		if (roles) setRoleNames(store, row.id, roles.map(String));
		return ok(presentUser(pc, row));
	});

	r.delete('/users/{userId}', ({ store, params }) => {
		const row = must(store.users, params.userId);
		if (row.id === store.meId) throw unprocessable('You cannot delete yourself');
		if (store.timeEntries.some((e) => e.user_id === row.id) || store.expenses.some((e) => e.user_id === row.id)) {
			throw unprocessable('This user has time entries or expenses and cannot be deleted. Archive the user instead.');
		}
		for (const a of store.userAssignments.filter((x) => x.user_id === row.id)) store.userAssignments.delete(a.id);
		for (const rate of store.billableRates.filter((x) => x.user_id === row.id)) store.billableRates.delete(rate.id);
		for (const rate of store.costRates.filter((x) => x.user_id === row.id)) store.costRates.delete(rate.id);
		setRoleNames(store, row.id, []);
		for (const manager of store.users.filter((u) => u.teammate_ids.includes(row.id))) {
			store.touch(store.users, manager, (u) => {
				u.teammate_ids = u.teammate_ids.filter((id) => id !== row.id);
			});
		}
		store.users.delete(row.id);
		return emptyOk();
	});
}

/** Keeps the user's default_hourly_rate / cost_rate equal to the rate in effect today. */
export function syncUserRates(store: AccountStore, userId: number, today: string): void {
	const user = store.users.get(userId);
	if (!user) return;
	const billable = rateOn(store.billableRates, userId, today);
	const cost = rateOn(store.costRates, userId, today);
	if (billable !== user.default_hourly_rate || cost !== user.cost_rate) {
		store.touch(store.users, user, (u) => {
			if (billable !== null) u.default_hourly_rate = billable;
			if (cost !== null) u.cost_rate = cost;
		});
	}
}
