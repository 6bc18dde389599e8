import type { AccountStore } from './store';
import type { LineItemRow, RateRow, TimeEntryRow } from './model';
import type { Table } from './table';

export function round2(n: number): number {
	return Math.round((n + Number.EPSILON) * 100) / 100;
}

/** Hours of a time entry at `now` (a running timer keeps counting). */
export function entryHours(row: TimeEntryRow, now: number): number {
	if (row.timer_started_at === null) return round2(row.hours_without_timer);
	return round2(row.hours_without_timer + Math.max(0, now - row.timer_started_at) / 3600);
}

export function lockedReason(invoiced: boolean, approved: boolean): string | null {
	if (invoiced && approved) return 'Item Invoiced and Approved and Locked for this Time Period';
	if (invoiced) return 'Item Invoiced and Locked for this Time Period';
	if (approved) return 'Item Approved and Locked for this Time Period';
	return null;
}

/** The rate of a user in effect on `date` (rates are a start_date/end_date history). */
export function rateOn(table: Table<RateRow>, userId: number, date: string): number | null {
	let found: RateRow | undefined;
	for (const rate of table.values()) {
		if (rate.user_id !== userId) continue;
		if (rate.start_date !== null && rate.start_date > date) continue;
		if (rate.end_date !== null && rate.end_date < date) continue;
		if (!found || (rate.start_date ?? '') > (found.start_date ?? '')) found = rate;
	}
	return found ? found.amount : null;
}

/**
 * Billable flag and billable/cost rates of a time entry, from the project's bill_by,
 * the assignments and the user's rate history on the entry's date. Harvest stores these
 * on the entry when it is written.
 */
export function entryRates(store: AccountStore, e: Pick<TimeEntryRow, 'project_id' | 'task_id' | 'user_id' | 'spent_date'>): {
	billable: boolean;
	billable_rate: number | null;
	cost_rate: number | null;
} {
	const project = store.projects.get(e.project_id);
	const ta = store.taskAssignmentFor(e.project_id, e.task_id);
	const ua = store.userAssignmentFor(e.project_id, e.user_id);
	const user = store.users.get(e.user_id);
	const userCost = rateOn(store.costRates, e.user_id, e.spent_date) ?? user?.cost_rate ?? null;
	const billable = !!project && project.is_billable && !!ta && ta.billable;
	let rate: number | null = null;
	if (billable && project) {
		if (project.bill_by === 'Project') rate = project.hourly_rate;
		else if (project.bill_by === 'Tasks') rate = ta?.hourly_rate ?? null;
		else if (project.bill_by === 'People') {
			rate = ua && !ua.use_default_rates ? ua.hourly_rate : rateOn(store.billableRates, e.user_id, e.spent_date) ?? user?.default_hourly_rate ?? null;
		}
	}
	return { billable, billable_rate: rate, cost_rate: userCost };
}

export interface Totals {
	subtotal: number;
	discount_amount: number;
	tax_amount: number;
	tax2_amount: number;
	amount: number;
}

export function lineAmount(item: Pick<LineItemRow, 'quantity' | 'unit_price'>): number {
	return round2(item.quantity * item.unit_price);
}

/**
 * Invoice/estimate totals: the discount comes off the subtotal, and each tax applies to the
 * discounted amount of the lines marked taxed/taxed2.
 */
export function totals(items: readonly LineItemRow[], tax: number | null, tax2: number | null, discount: number | null): Totals {
	let subtotal = 0;
	let taxed = 0;
	let taxed2 = 0;
	for (const item of items) {
		const amount = lineAmount(item);
		subtotal += amount;
		if (item.taxed) taxed += amount;
		if (item.taxed2) taxed2 += amount;
	}
	const keep = 1 - (discount ?? 0) / 100;
	const discount_amount = round2(subtotal * (discount ?? 0) / 100);
	const tax_amount = round2(taxed * keep * (tax ?? 0) / 100);
	const tax2_amount = round2(taxed2 * keep * (tax2 ?? 0) / 100);
	return {
		subtotal: round2(subtotal),
		discount_amount,
		tax_amount,
		tax2_amount,
		amount: round2(subtotal - discount_amount + tax_amount + tax2_amount),
	};
}

/** "8:00am" style, as Harvest prints started_time/ended_time. */
export function formatClock(minutes: number): string {
	const m = ((minutes % 1440) + 1440) % 1440;
	const h24 = Math.floor(m / 60);
	const suffix = h24 < 12 ? 'am' : 'pm';
	const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
	return `${h12}:${String(m % 60).padStart(2, '0')}${suffix}`;
}

/** Minutes after midnight for "8:00am", "8am", "14:59", "2:59 PM"; null when unreadable. */
export function parseClock(text: string): number | null {
	const m = /^\s*(\d{1,2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*$/i.exec(text);
	if (!m) return null;
	let h = Number(m[1]);
	const min = m[2] ? Number(m[2]) : 0;
	if (min > 59) return null;
	if (m[3]) {
		if (h < 1 || h > 12) return null;
		const pm = m[3].toLowerCase().startsWith('p');
		if (h === 12) h = 0;
		if (pm) h += 12;
	} else if (h > 23 || !m[2]) return null;
	return h * 60 + min;
}

/** Minutes after midnight (UTC) of an epoch-seconds time. */
export function clockOf(sec: number): number {
	return Math.floor((sec % 86400) / 60);
}
