import { addDays } from '../clock';
import { type ApiContext, created, emptyOk, listOf, must, ok } from '../context';
import { notFound, unprocessable } from '../errors';
import { assign } from '../fields';
import type { RateRow } from '../model';
import { presentRate, presentRole, presentTeammate } from '../present';
import type { Router } from '../router';
import type { AccountStore } from '../store';
import type { Table } from '../table';
import { nonNegative, ref, unique } from './helpers';
import { syncUserRates } from './users';

/** Roles, billable/cost rates and teammates: the people-related side resources. */
export function registerPeople(r: Router): void {
	r.get('/roles', (ctx) => listOf(ctx, ctx.store.roles, { key: 'roles', kind: 'cursor', present: presentRole, filters: [] }));

	r.post('/roles', ({ store, body, pc }) => {
		const name = body.requireStr('name');
		unique(store.roles, name, (x) => x.name);
		const row = store.create(store.roles, { name, user_ids: userIds(store, body.array('user_ids')) ?? [] });
		return created(presentRole(pc, row));
	});

	r.get('/roles/{roleId}', ({ store, params, pc }) => ok(presentRole(pc, must(store.roles, params.roleId))));

	r.patch('/roles/{roleId}', ({ store, params, body, pc }) => {
		const row = must(store.roles, params.roleId);
		const name = body.has('name') ? body.requireStr('name') : undefined;
		if (name !== undefined) unique(store.roles, name, (x) => x.name, 'Name', row.id);
		const ids = userIds(store, body.array('user_ids'));
		store.touch(store.roles, row, (x) => assign(x, { name, user_ids: ids }));
		return ok(presentRole(pc, row));
	});

	// Deleting a role unlinks it from its users (roles are not stored on users).
	r.delete('/roles/{roleId}', ({ store, params }) => {
		must(store.roles, params.roleId);
		store.roles.delete(params.roleId);
		return emptyOk();
	});

	for (const kind of ['billable_rates', 'cost_rates'] as const) {
		const tableOf = (store: AccountStore) => (kind === 'billable_rates' ? store.billableRates : store.costRates);
		const idParam = kind === 'billable_rates' ? 'billableRateId' : 'costRateId';

		r.get(`/users/{userId}/${kind}`, (ctx) => {
			const userId = must(ctx.store.users, ctx.params.userId).id;
			return listOf(ctx, tableOf(ctx.store), { key: kind, kind: 'cursor', present: presentRate, filters: [(x) => x.user_id === userId] });
		});

		r.post(`/users/{userId}/${kind}`, (ctx) => {
			const user = must(ctx.store.users, ctx.params.userId);
			const amount = ctx.body.requireNum('amount');
			nonNegative(amount, 'Amount');
			const startDate = ctx.body.date('start_date') ?? null;
			if (startDate !== null && startDate > ctx.store.clock.today()) throw unprocessable('Start date cannot be in the future');
			const row = addRate(ctx, tableOf(ctx.store), user.id, amount, startDate);
			return created(presentRate(ctx.pc, row));
		});

		r.get(`/users/{userId}/${kind}/{${idParam}}`, ({ store, params, pc }) => {
			must(store.users, params.userId);
			const row = must(tableOf(store), params[idParam]);
			if (row.user_id !== params.userId) throw notFound();
			return ok(presentRate(pc, row));
		});
	}

	r.get('/users/{userId}/teammates', (ctx) => {
		const manager = managerOf(ctx);
		const ids = new Set(manager.teammate_ids);
		return listOf(ctx, ctx.store.users, { key: 'teammates', kind: 'cursor', present: (_pc, u) => presentTeammate(u), filters: [(u) => ids.has(u.id)] });
	});

	// Replaces the whole set; the first teammates grant people_manager, an empty set removes it.
	r.patch('/users/{userId}/teammates', (ctx) => {
		const manager = managerOf(ctx);
		const list = ctx.body.array('teammate_ids');
		if (list === undefined || list === null) throw unprocessable("Teammate ids can't be blank");
		const ids = userIds(ctx.store, list) ?? [];
		if (ids.includes(manager.id)) throw unprocessable('A manager cannot be their own teammate');
		ctx.store.touch(ctx.store.users, manager, (u) => {
			u.teammate_ids = ids;
			const others = u.access_roles.filter((x) => x !== 'people_manager');
			u.access_roles = ids.length ? [...others, 'people_manager'] : others;
		});
		const teammates = ctx.store.users.sorted().filter((u) => ids.includes(u.id)).map(presentTeammate);
		return ok({ teammates });
	});
}

function managerOf(ctx: ApiContext) {
	const user = must(ctx.store.users, ctx.params.userId);
	if (!user.access_roles.includes('manager')) throw unprocessable('The user is not a Manager; only managers have teammates.');
	return user;
}

function userIds(store: AccountStore, list: unknown[] | null | undefined): number[] | undefined {
	if (list === undefined || list === null) return undefined;
	const ids = list.map((v) => {
		const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
		if (!Number.isInteger(n)) throw unprocessable(`Invalid user id: ${String(v)}`);
		ref(store.users, n, 'User');
		return n;
	});
	return Array.from(new Set(ids));
}

/**
 * Harvest's replacement rules: without a start_date the new rate replaces all existing ones;
 * with one, it replaces the rates starting on or after it, and the rate before it now ends
 * the day before. The newest rate has no end_date.
 */
function addRate(ctx: ApiContext, table: Table<RateRow>, userId: number, amount: number, startDate: string | null): RateRow {
	const { store } = ctx;
	const existing = table.filter((x) => x.user_id === userId);
	for (const rate of existing) {
		if (startDate === null || (rate.start_date !== null && rate.start_date >= startDate)) table.delete(rate.id);
	}
	if (startDate !== null) {
		const before = table
			.filter((x) => x.user_id === userId)
			.sort((a, b) => ((a.start_date ?? '') < (b.start_date ?? '') ? 1 : -1))[0];
		if (before) store.touch(table, before, (x) => {
			x.end_date = addDays(startDate, -1);
		});
	}
	const row = store.create(table, { user_id: userId, amount, start_date: startDate, end_date: null });
	syncUserRates(store, userId, store.clock.today());
	return row;
}
