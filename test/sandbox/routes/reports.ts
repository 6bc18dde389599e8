import { daysBetween } from '../clock';
import { type ApiContext, ok } from '../context';
import { unprocessable } from '../errors';
import { paginate } from '../pagination';
import { expenseReport, projectBudgetReport, timeReport, uninvoicedReport, type ReportRow } from '../reports';
import type { Router } from '../router';

/** `from`/`to` are required (YYYYMMDD or YYYY-MM-DD), in order, at most 365 days apart. */
function period(ctx: ApiContext): { from: string; to: string } {
	const from = ctx.query.date('from', true);
	const to = ctx.query.date('to', true);
	if (from === undefined) throw unprocessable("From can't be blank");
	if (to === undefined) throw unprocessable("To can't be blank");
	if (to < from) throw unprocessable('The to date must be on or after the from date');
	if (daysBetween(from, to) > 365) throw unprocessable('The timeframe cannot exceed 1 year (365 days)');
	return { from, to };
}

function includeFixedFee(ctx: ApiContext): boolean {
	return ctx.query.bool('include_fixed_fee') ?? false;
}

function results(ctx: ApiContext, rows: ReportRow[]) {
	return ok(paginate(ctx, { key: 'results', kind: 'page', rows, present: (row) => row }));
}

export function registerReports(r: Router): void {
	for (const kind of ['clients', 'projects', 'tasks', 'team'] as const) {
		r.get(`/reports/time/${kind}`, (ctx) => {
			const { from, to } = period(ctx);
			return results(ctx, timeReport(ctx.store, kind, from, to, includeFixedFee(ctx), ctx.now));
		});
	}
	for (const kind of ['categories', 'clients', 'projects', 'team'] as const) {
		r.get(`/reports/expenses/${kind}`, (ctx) => {
			const { from, to } = period(ctx);
			return results(ctx, expenseReport(ctx.store, kind, from, to));
		});
	}
	r.get('/reports/uninvoiced', (ctx) => {
		const { from, to } = period(ctx);
		return results(ctx, uninvoicedReport(ctx.store, from, to, includeFixedFee(ctx), ctx.now));
	});
	r.get('/reports/project_budget', (ctx) => results(ctx, projectBudgetReport(ctx.store, ctx.query.bool('is_active'), ctx.now)));
}
