import type { ApiContext } from '../context';
import { unprocessable } from '../errors';
import { blank, type Fields } from '../fields';
import type { ClientRow, DocumentRow } from '../model';
import { currencyOf, randomHex, ref } from './helpers';

/** Next free document number: one more than the highest numeric number so far. */
export function nextNumber(rows: Iterable<{ number: string }>): string {
	let max = 1000;
	for (const r of rows) if (/^\d+$/.test(r.number)) max = Math.max(max, Number(r.number));
	return String(max + 1);
}

/** Percentages (tax, tax2, discount). */
export function percent(body: Fields, name: string): number | null | undefined {
	const v = body.num(name);
	if (typeof v === 'number' && (v < 0 || v > 100)) throw unprocessable(`${name} must be a percentage between 0 and 100`);
	return v;
}

type DocumentHeader = Omit<DocumentRow, 'id' | 'created_at' | 'updated_at'>;

/**
 * The shared part of a new invoice or estimate: the client (required), a number unique among `existing`
 * (the next free one when none is given), texts, tax and discount, the client's currency by default, draft.
 */
export function newDocument(
	{ store, body }: Pick<ApiContext, 'store' | 'body'>,
	existing: { values(): Iterable<{ number: string }>; some(p: (row: { number: string }) => boolean): boolean },
): { client: ClientRow; header: DocumentHeader } {
	if (!body.has('client_id') || body.raw.client_id === null) throw blank('client_id');
	const client = ref(store.clients, body.requireInt('client_id'), 'Client');
	const number = body.str('number') || nextNumber(existing.values());
	if (existing.some((row) => row.number === number)) throw unprocessable('Number has already been taken');
	return {
		client,
		header: {
			client_id: client.id,
			creator_id: store.meId,
			client_key: randomHex(40),
			number,
			purchase_order: body.str('purchase_order') ?? null,
			tax: percent(body, 'tax') ?? null,
			tax2: percent(body, 'tax2') ?? null,
			discount: percent(body, 'discount') ?? null,
			subject: body.str('subject') ?? null,
			notes: body.str('notes') ?? null,
			currency: currencyOf(body) ?? client.currency,
			state: 'draft',
			issue_date: body.date('issue_date') ?? store.clock.today(),
		},
	};
}
