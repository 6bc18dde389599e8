import { type ApiContext, created, emptyOk, listOf, must, ok } from '../context';
import { notFound, unprocessable } from '../errors';
import { dateRange, idEq, strEq, updatedSince } from '../filters';
import { ESTIMATE_STATES, type EstimateRow } from '../model';
import { presentEstimate, presentEstimateMessage, userName } from '../present';
import type { Router } from '../router';
import type { AccountStore } from '../store';
import { newDocument, percent } from './documents';
import { currencyOf, ref } from './helpers';
import { applyLineItems, estimateLineOptions } from './lineItems';
import { recipientsOf } from './messages';

const ESTIMATE_EVENTS = ['send', 'accept', 'decline', 're-open'] as const;

/**
 * Estimate states through message events: null (send email) and `send` take a draft to sent;
 * `accept`/`decline` answer a sent estimate; `re-open` takes an answered one back to sent.
 */
function applyEstimateEvent(store: AccountStore, est: EstimateRow, event: string | null, now: number): void {
	const fail = (what: string) => unprocessable(`Cannot ${what} an estimate that is ${est.state}`);
	if (event === 'send' && est.state !== 'draft') throw fail('mark as sent');
	if ((event === 'accept' || event === 'decline') && est.state !== 'sent') throw fail(event);
	if (event === 're-open' && est.state !== 'accepted' && est.state !== 'declined') throw fail('re-open');
	store.touch(store.estimates, est, (e) => {
		if ((event === null || event === 'send') && e.state === 'draft') {
			e.state = 'sent';
			e.sent_at = now;
		} else if (event === 'accept') {
			e.state = 'accepted';
			e.accepted_at = now;
		} else if (event === 'decline') {
			e.state = 'declined';
			e.declined_at = now;
		} else if (event === 're-open') {
			e.state = 'sent';
			e.accepted_at = null;
			e.declined_at = null;
		}
	});
}

export function registerEstimates(r: Router): void {
	r.get('/estimates', (ctx) => {
		const { query: q } = ctx;
		return listOf(ctx, ctx.store.estimates, {
			key: 'estimates', kind: 'page', present: presentEstimate,
			filters: [
				idEq(q, 'client_id', (e) => e.client_id),
				updatedSince(q),
				dateRange(q, (e) => e.issue_date),
				strEq(q, 'state', (e) => e.state, ESTIMATE_STATES),
			],
		});
	});

	r.post('/estimates', ({ store, body, pc }) => {
		const { header } = newDocument({ store, body }, store.estimates);
		const lines = applyLineItems([], body.array('line_items') ?? [], estimateLineOptions(store, false)).items;
		const row = store.create(store.estimates, {
			...header,
			sent_at: null,
			accepted_at: null,
			declined_at: null,
			line_items: lines,
		});
		return created(presentEstimate(pc, row));
	});

	r.get('/estimates/{estimateId}', ({ store, params, pc }) => ok(presentEstimate(pc, must(store.estimates, params.estimateId))));

	r.patch('/estimates/{estimateId}', ({ store, params, body, pc }) => {
		const est = must(store.estimates, params.estimateId);
		const clientId = body.has('client_id') ? ref(store.clients, body.requireInt('client_id'), 'Client').id : est.client_id;
		const number = body.has('number') ? body.requireStr('number') : est.number;
		if (number !== est.number && store.estimates.some((e) => e.number === number)) throw unprocessable('Number has already been taken');
		const list = body.array('line_items');
		const lines = list ? applyLineItems(est.line_items, list, estimateLineOptions(store, true)).items : null;
		const fields = {
			purchase_order: body.str('purchase_order'), tax: percent(body, 'tax'), tax2: percent(body, 'tax2'),
			discount: percent(body, 'discount'), subject: body.str('subject'), notes: body.str('notes'), currency: currencyOf(body),
			issue_date: body.date('issue_date') ?? undefined,
		};
		store.touch(store.estimates, est, (e) => {
			e.client_id = clientId;
			e.number = number;
			for (const [k, v] of Object.entries(fields)) if (v !== undefined) (e as unknown as Record<string, unknown>)[k] = v;
			if (lines) e.line_items = lines;
		});
		return ok(presentEstimate(pc, est));
	});

	r.delete('/estimates/{estimateId}', ({ store, params }) => {
		const est = must(store.estimates, params.estimateId);
		for (const m of store.estimateMessages.filter((x) => x.estimate_id === est.id)) store.estimateMessages.delete(m.id);
		store.estimates.delete(est.id);
		return emptyOk();
	});

	r.get('/estimates/{estimateId}/messages', (ctx) => {
		const id = must(ctx.store.estimates, ctx.params.estimateId).id;
		return listOf(ctx, ctx.store.estimateMessages, {
			key: 'estimate_messages', kind: 'cursor', present: presentEstimateMessage,
			filters: [(m) => m.estimate_id === id, updatedSince(ctx.query)],
		});
	});

	r.post('/estimates/{estimateId}/messages', (ctx) => createEstimateMessage(ctx));

	r.delete('/estimates/{estimateId}/messages/{messageId}', ({ store, params }) => {
		const est = must(store.estimates, params.estimateId);
		const m = must(store.estimateMessages, params.messageId);
		if (m.estimate_id !== est.id) throw notFound();
		store.estimateMessages.delete(m.id);
		return emptyOk();
	});
}

function createEstimateMessage(ctx: ApiContext) {
	const { store, body, now, pc } = ctx;
	const est = must(store.estimates, ctx.params.estimateId);
	const eventRaw = body.str('event_type');
	const event = eventRaw === undefined || eventRaw === null || eventRaw === '' ? null : body.oneOf('event_type', ESTIMATE_EVENTS) ?? null;
	const recipients = recipientsOf(body);
	const sendCopy = body.bool('send_me_a_copy') ?? false;
	// Sending an email needs recipients; status events do not.
	if (event === null && (!recipients || recipients.length === 0)) throw unprocessable("Recipients can't be blank");
	applyEstimateEvent(store, est, event, now);
	const me = store.me();
	const company = store.company.name;
	const row = store.create(store.estimateMessages, {
		estimate_id: est.id,
		sent_by: userName(me) as string,
		sent_by_email: me.email,
		sent_from: userName(me) as string,
		sent_from_email: me.email,
		recipients: event === null ? (recipients ?? []) : [],
		subject: event === null ? body.str('subject') ?? `Estimate #${est.number} from ${company}` : null,
		body: event === null ? body.str('body') ?? `Hello,\n\nPlease find estimate ${est.number} attached.\n\nBest regards,\n${company}\n` : null,
		send_me_a_copy: event === null && sendCopy,
		event_type: event,
	});
	return created(presentEstimateMessage(pc, row));
}
