import { pdfDocument } from './files';
import { presentEstimate, presentInvoice, type PresentContext } from './present';
import type { SandboxState } from './state';

/**
 * The documents' client links, as Harvest serves them on the account's web address: `/client/invoices/{client_key}`
 * (documented, with `.pdf` for the PDF) and `/client/estimates/{client_key}` (`.pdf` assumed alike). The key is
 * the only credential; no token is needed. The sandbox serves them on its own origin, beside the API.
 */

export interface ClientLinkReply {
	status: number;
	headers: Record<string, string>;
	body: Buffer | string;
}

const LINK = /^\/client\/(invoices|estimates)\/([0-9a-f]{8,64})\.pdf$/;

type Obj = Record<string, unknown>;

const amount = (value: unknown, currency: unknown) => `${Number(value ?? 0).toFixed(2)} ${String(currency ?? '')}`.trim();

function documentLines(kind: 'invoices' | 'estimates', doc: Obj): string[] {
	const client = (doc.client as Obj | null)?.name ?? '';
	const lines = [
		`Client: ${String(client)}`,
		`Issue date: ${String(doc.issue_date ?? '')}${kind === 'invoices' ? `   Due date: ${String(doc.due_date ?? '')}` : ''}`,
		`State: ${String(doc.state ?? '')}`,
		doc.subject ? `Subject: ${String(doc.subject)}` : '',
		'',
		...((doc.line_items ?? []) as Obj[]).map(
			(line) => `${String(line.kind)}  ${String(line.description ?? '').slice(0, 60)}  ${Number(line.quantity)} x ${amount(line.unit_price, doc.currency)} = ${amount(line.amount, doc.currency)}`,
		),
		'',
		`Amount: ${amount(doc.amount, doc.currency)}`,
	];
	if (kind === 'invoices') lines.push(`Amount due: ${amount(doc.due_amount, doc.currency)}`);
	return lines.filter((line, i) => line !== '' || i > 0);
}

const RECEIPT = /^\/expenses\/(\d+)\/receipt$/;

/**
 * An expense's receipt at the address its record gives (`receipt.url`), on the account's web address as in
 * Harvest's examples (https://{subdomain}.harvestapp.com/expenses/{id}/receipt). Expense ids are unique across
 * the sandbox's accounts, so the id alone finds it. Served without a token, like client links: whether Harvest
 * asks for one there is UNCONFIRMED, and the node never sends it off the API host.
 */
function receipt(state: SandboxState, expenseId: number): ClientLinkReply {
	for (const store of state.stores.values()) {
		const file = store.expenses.get(expenseId)?.receipt;
		if (!file) continue;
		return {
			status: 200,
			headers: { 'Content-Type': file.content_type, 'Content-Disposition': `inline; filename="${file.file_name.replace(/"/g, '')}"` },
			body: file.data,
		};
	}
	return NOT_FOUND;
}

const NOT_FOUND: ClientLinkReply = { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<html><body><h1>Not found</h1></body></html>\n' };

/** Answers a client link or a receipt address, or undefined when the path is neither. */
export function handleClientLink(state: SandboxState, method: string, path: string, origin: string): ClientLinkReply | undefined {
	if (method !== 'GET') return undefined;
	const receiptMatch = RECEIPT.exec(path);
	if (receiptMatch) return receipt(state, Number(receiptMatch[1]));
	const match = LINK.exec(path);
	if (!match) return undefined;
	const [, kind, key] = match as unknown as [string, 'invoices' | 'estimates', string];
	for (const store of state.stores.values()) {
		const pc: PresentContext = { store, now: state.clock.nowSec(), origin };
		const table = kind === 'invoices' ? store.invoices : store.estimates;
		const row = table.all().find((r) => r.client_key === key);
		if (!row) continue;
		const doc = (kind === 'invoices' ? presentInvoice(pc, row as never) : presentEstimate(pc, row as never)) as Obj;
		const title = `${kind === 'invoices' ? 'Invoice' : 'Estimate'} ${String(doc.number || doc.id)}`;
		const pdf = pdfDocument(title, documentLines(kind, doc));
		const name = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.pdf`;
		return { status: 200, headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${name}"` }, body: pdf };
	}
	return NOT_FOUND;
}
