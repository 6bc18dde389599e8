import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { endpoint, endpointPath, type EndpointKey } from '../../../shared/catalogue';
import { harvestList, harvestRequest } from '../../../shared/transport';

import { urlPattern, type LocatorKind } from '../../../shared/descriptions/locators';
import { locatorValue } from '../../helpers/validation';
import { money } from '../../../shared/methods/listSearch';

/*
 * Editor lists for invoices (estimates reuse the generic ones): item categories as kinds, the lines of the
 * chosen document, and the projects of the chosen client.
 */

/** Lists are for picking, so Harvest's largest page is enough. */
const MAX = 2000;

/** The id in a picker of the form being edited, or undefined while it is empty or an unresolved expression. */
function currentId(ctx: ILoadOptionsFunctions, name: string, kind: LocatorKind): number | undefined {
	const raw = ctx.getCurrentNodeParameter(name, { extractValue: true });
	const value = String(locatorValue(raw, urlPattern(kind)) ?? '').trim();
	return /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Item category names, which are what a line's `kind` holds. */
export async function itemKinds(this: ILoadOptionsFunctions, key: EndpointKey): Promise<INodePropertyOptions[]> {
	const list = endpoint(key).list!;
	const records = await harvestList.call(this, { path: endpoint(key).path, listKey: list.key, limit: MAX });
	return records
		.map((r) => ({ name: String(r.name), value: String(r.name) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The lines of the invoice or estimate picked in `parameter`, labelled by kind, text and price. */
export async function documentLines(
	this: ILoadOptionsFunctions,
	key: EndpointKey,
	parameter: string,
	kind: LocatorKind,
): Promise<INodePropertyOptions[]> {
	const id = currentId(this, parameter, kind);
	if (id === undefined) return [];
	const document = await harvestRequest.call(this, { method: 'GET', path: endpointPath(endpoint(key), { [parameter]: id }) });
	return ((document.line_items ?? []) as IDataObject[]).map((line) => {
		const text = String(line.description ?? '').replace(/\s+/g, ' ').trim();
		const short = text.length > 60 ? `${text.slice(0, 59)}…` : text;
		const price = `${Number(line.quantity ?? 0)} × ${money(line.unit_price, document.currency)}`;
		return { name: [line.kind, short, price].filter(Boolean).join(' · '), value: String(line.id) };
	});
}

export async function getInvoiceItemKinds(this: ILoadOptionsFunctions) {
	return await itemKinds.call(this, 'GET /invoice_item_categories');
}

export async function getInvoiceLineItems(this: ILoadOptionsFunctions) {
	return await documentLines.call(this, 'GET /invoices/{invoiceId}', 'invoiceId', 'invoice');
}

/** Active projects of the chosen client (an invoice can only bill its client's projects). */
export async function getClientProjects(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const clientId = currentId(this, 'clientId', 'client');
	if (clientId === undefined) return [];
	const list = endpoint('GET /projects').list!;
	const records = await harvestList.call(this, {
		path: endpoint('GET /projects').path,
		listKey: list.key,
		qs: { client_id: clientId, is_active: true },
		limit: MAX,
	});
	return records
		.map((r) => ({ name: r.code ? `[${r.code}] ${r.name}` : String(r.name), value: Number(r.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
