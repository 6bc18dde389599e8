import { totals } from '../calc';
import { isoDate, parseDateTime, daysBetween } from '../clock';
import { type ApiContext, created, emptyOk, listOf, must, ok } from '../context';
import { notFound, unprocessable } from '../errors';
import { updatedSince } from '../filters';
import type { InvoiceRow } from '../model';
import { presentInvoiceMessage, presentPayment, userName } from '../present';
import type { Router } from '../router';
import type { AccountStore } from '../store';
import { settleState } from './invoices';
import { recipientsOf } from './messages';

const INVOICE_EVENTS = ['send', 'close', 're-open', 'draft'] as const;

/** Subject and body Harvest would propose for a message about this invoice. */
export function invoiceTemplate(store: AccountStore, inv: InvoiceRow, kind: 'general' | 'reminder' | 'thank_you'): { subject: string; body: string } {
	const company = store.company.name;
	const client = store.clients.get(inv.client_id)?.name ?? 'Customer';
	const amount = totals(inv.line_items, inv.tax, inv.tax2, inv.discount).amount;
	const due = Math.max(0, Math.round((amount - inv.paid_amount) * 100) / 100);
	if (kind === 'reminder') {
		const late = Math.max(0, daysBetween(inv.due_date, store.clock.today()));
		return {
			subject: `Reminder: invoice #${inv.number} from ${company} is overdue`,
			body: `Hello ${client},\n\nInvoice ${inv.number} for ${due.toFixed(2)} ${inv.currency} was due on ${inv.due_date} (${late} days ago). If the payment is already on its way, please ignore this note.\n\nBest regards,\n${company}\n`,
		};
	}
	if (kind === 'thank_you') {
		return {
			subject: `Payment received for invoice #${inv.number}`,
			body: `Hello ${client},\n\nWe have received your payment for invoice ${inv.number}. Thank you!\n\nBest regards,\n${company}\n`,
		};
	}
	return {
		subject: `Invoice #${inv.number} from ${company}`,
		body: `Hello ${client},\n\nPlease find invoice ${inv.number} for ${amount.toFixed(2)} ${inv.currency} attached, due on ${inv.due_date}.\n\nBest regards,\n${company}\n`,
	};
}

function invoiceOf(ctx: ApiContext): InvoiceRow {
	return must(ctx.store.invoices, ctx.params.invoiceId);
}

/**
 * The invoice state machine driven by message event types:
 * null (send email) and `send` take a draft to open; `close` open → closed;
 * `re-open` closed → open (or paid when nothing is due); `draft` open → draft.
 */
function applyInvoiceEvent(store: AccountStore, inv: InvoiceRow, event: string | null, now: number): void {
	const fail = (what: string) => unprocessable(`Cannot ${what} an invoice that is ${inv.state}`);
	store.touch(store.invoices, inv, (i) => {
		if (event === null) {
			if (i.state === 'draft') {
				i.state = 'open';
				i.sent_at = now;
			}
		} else if (event === 'send') {
			if (i.state !== 'draft') throw fail('mark as sent');
			i.state = 'open';
			i.sent_at = now;
		} else if (event === 'close') {
			if (i.state !== 'open') throw fail('close');
			i.state = 'closed';
			i.closed_at = now;
		} else if (event === 're-open') {
			if (i.state !== 'closed') throw fail('re-open');
			i.state = 'open';
			i.closed_at = null;
			settleState(store, i, null, null);
		} else if (event === 'draft') {
			if (i.state !== 'open') throw fail('mark as draft');
			if (i.paid_amount > 0) throw unprocessable('Cannot mark an invoice with payments as draft');
			i.state = 'draft';
			i.sent_at = null;
		}
	});
}

export function registerInvoiceMessages(r: Router): void {
	r.get('/invoices/{invoiceId}/messages', (ctx) => {
		const id = invoiceOf(ctx).id;
		return listOf(ctx, ctx.store.invoiceMessages, {
			key: 'invoice_messages', kind: 'cursor', present: presentInvoiceMessage,
			filters: [(m) => m.invoice_id === id, updatedSince(ctx.query)],
		});
	});

	r.post('/invoices/{invoiceId}/messages', (ctx) => {
		const { store, body, now, pc } = ctx;
		const inv = invoiceOf(ctx);
		const eventRaw = body.str('event_type');
		const event = eventRaw === undefined || eventRaw === null || eventRaw === '' ? null : body.oneOf('event_type', INVOICE_EVENTS) ?? null;
		const recipients = recipientsOf(body) ?? [];
		const sendCopy = body.bool('send_me_a_copy') ?? false;
		const thankYou = body.bool('thank_you') ?? false;
		if (event === null && recipients.length === 0 && !sendCopy) {
			throw unprocessable('A message needs at least one recipient (or send_me_a_copy set to true)');
		}
		const linkFlag = body.bool('include_link_to_client_invoice');
		const attachPdf = body.bool('attach_pdf') ?? false;
		applyInvoiceEvent(store, inv, event, now);
		// Deprecated flag: false clears the invoice's payment options, true is ignored.
		if (linkFlag === false && inv.payment_options.length) store.touch(store.invoices, inv, (i) => {
			i.payment_options = [];
		});
		const me = store.me();
		const template = invoiceTemplate(store, inv, thankYou ? 'thank_you' : 'general');
		const row = store.create(store.invoiceMessages, {
			invoice_id: inv.id,
			sent_by: userName(me) as string,
			sent_by_email: me.email,
			sent_from: userName(me) as string,
			sent_from_email: me.email,
			recipients: event === null ? recipients : [],
			subject: event === null ? body.str('subject') ?? template.subject : null,
			body: event === null ? body.str('body') ?? template.body : null,
			include_link_to_client_invoice: false,
			attach_pdf: event === null && attachPdf,
			send_me_a_copy: event === null && sendCopy,
			thank_you: thankYou,
			event_type: event,
			reminder: false,
			send_reminder_on: null,
		});
		return created(presentInvoiceMessage(pc, row));
	});

	r.get('/invoices/{invoiceId}/messages/new', (ctx) => {
		const inv = invoiceOf(ctx);
		const thankYou = ctx.query.bool('thank_you') ?? false;
		const reminder = ctx.query.bool('reminder') ?? false;
		const kind = thankYou ? 'thank_you' : reminder ? 'reminder' : 'general';
		const t = invoiceTemplate(ctx.store, inv, kind);
		return ok({ invoice_id: inv.id, subject: t.subject, body: t.body, reminder: kind === 'reminder', thank_you: kind === 'thank_you' });
	});

	r.delete('/invoices/{invoiceId}/messages/{messageId}', (ctx) => {
		const inv = invoiceOf(ctx);
		const m = must(ctx.store.invoiceMessages, ctx.params.messageId);
		if (m.invoice_id !== inv.id) throw notFound();
		ctx.store.invoiceMessages.delete(m.id);
		return emptyOk();
	});

	r.get('/invoices/{invoiceId}/payments', (ctx) => {
		const id = invoiceOf(ctx).id;
		return listOf(ctx, ctx.store.invoicePayments, {
			key: 'invoice_payments', kind: 'cursor', present: presentPayment,
			filters: [(p) => p.invoice_id === id, updatedSince(ctx.query)],
		});
	});

	// A payment lowers the amount due; the one that brings it to zero marks the invoice paid.
	r.post('/invoices/{invoiceId}/payments', (ctx) => {
		const { store, body, now, pc } = ctx;
		const inv = invoiceOf(ctx);
		const amount = body.requireNum('amount');
		if (amount <= 0) throw unprocessable('Amount must be greater than 0');
		if (body.has('paid_at') && body.has('paid_date')) throw unprocessable('Pass either paid_at or paid_date, but not both');
		let paidAt = now;
		const paidAtText = body.str('paid_at');
		if (paidAtText) {
			const sec = parseDateTime(paidAtText);
			if (sec === null) throw unprocessable('Paid at is not a valid date-time');
			paidAt = sec;
		}
		const paidDate = body.date('paid_date');
		if (paidDate) paidAt = Date.parse(`${paidDate}T00:00:00Z`) / 1000;
		if (inv.state === 'draft' || inv.state === 'closed') throw unprocessable(`Payments cannot be recorded on a ${inv.state} invoice`);
		const { amount: total } = totals(inv.line_items, inv.tax, inv.tax2, inv.discount);
		const due = Math.round((total - inv.paid_amount) * 100) / 100;
		if (amount > due + 1e-9) throw unprocessable(`Amount cannot be more than the amount due (${due.toFixed(2)})`);
		const me = store.me();
		const row = store.create(store.invoicePayments, {
			invoice_id: inv.id,
			amount,
			paid_at: paidAt,
			paid_date: paidDate ?? isoDate(paidAt),
			recorded_by: userName(me) as string,
			recorded_by_email: me.email,
			notes: body.str('notes') ?? null,
			transaction_id: null,
		});
		body.bool('send_thank_you');
		store.touch(store.invoices, inv, (i) => {
			i.paid_amount = Math.round((i.paid_amount + amount) * 100) / 100;
			settleState(store, i, row.paid_at, row.paid_date);
		});
		return created(presentPayment(pc, row));
	});

	r.delete('/invoices/{invoiceId}/payments/{paymentId}', (ctx) => {
		const { store } = ctx;
		const inv = invoiceOf(ctx);
		const p = must(store.invoicePayments, ctx.params.paymentId);
		if (p.invoice_id !== inv.id) throw notFound();
		store.invoicePayments.delete(p.id);
		store.touch(store.invoices, inv, (i) => {
			i.paid_amount = Math.max(0, Math.round((i.paid_amount - p.amount) * 100) / 100);
			settleState(store, i, null, null);
		});
		return emptyOk();
	});
}
