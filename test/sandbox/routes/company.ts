import { ok } from '../context';
import { unprocessable } from '../errors';
import type { CompanyRow } from '../model';
import type { Router } from '../router';

export function presentCompany(c: CompanyRow): Record<string, unknown> {
	return {
		base_uri: c.base_uri, full_domain: c.full_domain, name: c.name, is_active: c.is_active,
		week_start_day: c.week_start_day, wants_timestamp_timers: c.wants_timestamp_timers, time_format: c.time_format,
		date_format: c.date_format, plan_type: c.plan_type, expense_feature: c.expense_feature,
		invoice_feature: c.invoice_feature, estimate_feature: c.estimate_feature, approval_feature: c.approval_feature,
		team_feature: c.team_feature, clock: c.clock, currency_code_display: c.currency_code_display,
		currency_symbol_display: c.currency_symbol_display, decimal_symbol: c.decimal_symbol,
		thousands_separator: c.thousands_separator, color_scheme: c.color_scheme, weekly_capacity: c.weekly_capacity,
	};
}

export function registerCompany(r: Router): void {
	r.get('/company', ({ store }) => ok(presentCompany(store.company)));

	// Only these two settings are writable through the API; anything else is ignored.
	r.patch('/company', ({ store, body }) => {
		const timers = body.bool('wants_timestamp_timers');
		const capacity = body.int('weekly_capacity');
		if (capacity !== undefined && capacity !== null && (capacity < 0 || capacity > 604800)) {
			throw unprocessable('Weekly capacity must be between 0 and 604800 seconds');
		}
		if (typeof timers === 'boolean') store.company.wants_timestamp_timers = timers;
		if (typeof capacity === 'number') store.company.weekly_capacity = capacity;
		store.version++;
		return ok(presentCompany(store.company));
	});
}
