import { totals } from '../calc';
import { addDays } from '../clock';
import { type ApiContext, created, emptyOk, listOf, must, ok } from '../context';
import { unprocessable } from '../errors';
import type { Fields } from '../fields';
import { dateRange, idEq, strEq, updatedSince } from '../filters';
import { INVOICE_STATES, PAYMENT_OPTIONS, PAYMENT_TERMS, type InvoiceRow } from '../model';
import { presentInvoice } from '../present';
import type { Router } from '../router';
import type { AccountStore } from '../store';
import { newDocument, percent } from './documents';
import { currencyOf, ref } from './helpers';
import { importLineItems, linkRecords } from './invoiceImport';
import { applyLineItems, invoiceLineOptions } from './lineItems';

const TERM_DAYS: Record<string, number> = { 'upon receipt': 0, 'net 15': 15, 'net 30': 30, 'net 45': 45, 'net 60': 60 };

function paymentOptions(body: Fields): string[] | undefined {
	const list = body.array('payment_options');
	if (list === undefined || list === null) return list === null ? [] : undefined;
	for (const v of list) {
		if (!(PAYMENT_OPTIONS as readonly string[]).includes(String(v))) throw unprocessable(`Payment options contains an invalid option: ${String(v)}`);
	}
	return list.map(String);
}

/** open ↔ paid follow the amount still due once an invoice has payments. */
export function settleState(store: AccountStore, inv: InvoiceRow, paidAt: number | null, paidDate: string | null): void {
	const { amount } = totals(inv.line_items, inv.tax, inv.tax2, inv.discount);
	const due = Math.round((amount - inv.paid_amount) * 100) / 100;
	if (inv.state === 'open' && inv.paid_amount > 0 && due <= 0) {
		inv.state = 'paid';
		inv.paid_at = paidAt ?? store.clock.nowSec();
		inv.paid_date = paidDate ?? store.clock.today();
	} else if (inv.state === 'paid' && due > 0) {
		inv.state = 'open';
		inv.paid_at = null;
		inv.paid_date = null;
	}
}

export function registerInvoices(r: Router): void {
	r.get('/invoices', (ctx) => {
		const { query: q } = ctx;
		const projectId = q.int('project_id');
		return listOf(ctx, ctx.store.invoices, {
			key: 'invoices', kind: 'page', present: presentInvoice, defaultPerPage: 100,
			filters: [
				idEq(q, 'client_id', (i) => i.client_id),
				projectId === undefined ? null : (i) => i.line_items.some((li) => li.project_id === projectId),
				updatedSince(q),
				dateRange(q, (i) => i.issue_date),
				strEq(q, 'state', (i) => i.state, INVOICE_STATES),
			],
		});
	});

	r.post('/invoices', (ctx) => createInvoice(ctx));

	r.get('/invoices/{invoiceId}', ({ store, params, pc }) => ok(presentInvoice(pc, must(store.invoices, params.invoiceId))));

	r.patch('/invoices/{invoiceId}', (ctx) => updateInvoice(ctx));

	r.delete('/invoices/{invoiceId}', ({ store, params }) => {
		const inv = must(store.invoices, params.invoiceId);
		linkRecords(store, null, inv.line_items.flatMap((li) => li.time_entry_ids), inv.line_items.flatMap((li) => li.expense_ids));
		for (const m of store.invoiceMessages.filter((x) => x.invoice_id === inv.id)) store.invoiceMessages.delete(m.id);
		for (const p of store.invoicePayments.filter((x) => x.invoice_id === inv.id)) store.invoicePayments.delete(p.id);
		store.invoices.delete(inv.id);
		return emptyOk();
	});
}

function dueDate(term: string, issueDate: string, given: string | null | undefined, fallback: string | null): string {
	if (term === 'custom') return given ?? fallback ?? issueDate;
	return addDays(issueDate, TERM_DAYS[term] ?? 0);
}

function createInvoice(ctx: ApiContext) {
	const { store, body, now, pc } = ctx;
	const { client, header } = newDocument(ctx, store.invoices);
	const estimateId = body.int('estimate_id') ?? null;
	if (estimateId !== null) ref(store.estimates, estimateId, 'Estimate');
	const issueDate = header.issue_date;
	const term = body.oneOf('payment_term', PAYMENT_TERMS) ?? 'custom';
	const lines = applyLineItems([], body.array('line_items') ?? [], invoiceLineOptions(store, false)).items;
	const importSpec = body.object('line_items_import');
	const imported = importSpec ? importLineItems(store, client.id, importSpec, now) : null;
	const row = store.create(store.invoices, {
		...header,
		estimate_id: estimateId,
		retainer_id: body.int('retainer_id') ?? null,
		period_start: imported?.periodStart ?? null,
		period_end: imported?.periodEnd ?? null,
		due_date: dueDate(term, issueDate, body.date('due_date'), null),
		payment_term: term,
		payment_options: paymentOptions(body) ?? [],
		sent_at: null,
		paid_at: null,
		paid_date: null,
		closed_at: null,
		recurring_invoice_id: null,
		line_items: imported ? [...lines, ...imported.lines] : lines,
		paid_amount: 0,
	});
	if (imported) linkRecords(store, row.id, imported.entries.map((e) => e.id), imported.expenses.map((e) => e.id));
	return created(presentInvoice(pc, row));
}

function updateInvoice(ctx: ApiContext) {
	const { store, body, params, pc } = ctx;
	const inv = must(store.invoices, params.invoiceId);
	const clientId = body.has('client_id') ? ref(store.clients, body.requireInt('client_id'), 'Client').id : inv.client_id;
	const estimateId = body.int('estimate_id');
	if (typeof estimateId === 'number') ref(store.estimates, estimateId, 'Estimate');
	const number = body.has('number') ? body.requireStr('number') : inv.number;
	if (number !== inv.number && store.invoices.some((i) => i.number === number)) throw unprocessable('Number has already been taken');
	const issueDate = body.date('issue_date') ?? inv.issue_date;
	const term = body.oneOf('payment_term', PAYMENT_TERMS) ?? inv.payment_term;
	const due = dueDate(term, issueDate, body.date('due_date'), inv.due_date);
	const list = body.array('line_items');
	const changes = list ? applyLineItems(inv.line_items, list, invoiceLineOptions(store, true)) : null;
	const fields = {
		purchase_order: body.str('purchase_order'), tax: percent(body, 'tax'), tax2: percent(body, 'tax2'),
		discount: percent(body, 'discount'), subject: body.str('subject'), notes: body.str('notes'), currency: currencyOf(body),
		retainer_id: body.int('retainer_id'), payment_options: paymentOptions(body),
	};
	store.touch(store.invoices, inv, (i) => {
		i.client_id = clientId;
		if (estimateId !== undefined) i.estimate_id = estimateId;
		i.number = number;
		i.issue_date = issueDate;
		i.payment_term = term;
		i.due_date = due;
		for (const [k, v] of Object.entries(fields)) if (v !== undefined) (i as unknown as Record<string, unknown>)[k] = v;
		if (changes) i.line_items = changes.items;
		settleState(store, i, null, null);
	});
	if (changes?.removed.length) {
		linkRecords(store, null, changes.removed.flatMap((li) => li.time_entry_ids), changes.removed.flatMap((li) => li.expense_ids));
	}
	return ok(presentInvoice(pc, inv));
}
