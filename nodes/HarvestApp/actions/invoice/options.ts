import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { endpoint, type EndpointKey } from '../../../shared/catalogue';
import { harvestList } from '../../../shared/transport';

import { urlPattern, type LocatorKind } from '../../../shared/descriptions/locators';
import { locatorValue } from '../../helpers/validation';

/*
 * Editor lists for invoices (estimates reuse the generic ones): item categories as kinds and the projects of
 * the chosen client. The lines of a document have a picker of their own (shared list searches).
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

export async function getInvoiceItemKinds(this: ILoadOptionsFunctions) {
	return await itemKinds.call(this, 'GET /invoice_item_categories');
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
