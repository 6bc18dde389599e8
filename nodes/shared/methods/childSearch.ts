import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { endpoint, endpointPath, type EndpointKey } from '../catalogue';
import { harvestList, harvestRequest } from '../transport';

import { LOCATORS, urlPattern, type LocatorKind } from '../descriptions/locators';
import { money } from './format';

/*
 * Pickers of records that belong to another one: an invoice's messages, payments and lines, an estimate's
 * messages and lines, a project's user and task assignments, a user's billable and cost rates. Each lists what
 * belongs to the record chosen in its parent's picker (the locator reloads when that one changes) and lists
 * nothing while the parent is empty or an expression.
 */

export type ChildKind =
	| 'billableRate'
	| 'costRate'
	| 'estimateLineItem'
	| 'estimateMessage'
	| 'invoiceLineItem'
	| 'invoiceMessage'
	| 'invoicePayment'
	| 'taskAssignment'
	| 'userAssignment';

interface ChildSearch {
	/** The parent's list of them, or (line items) the parent itself, whose `line_items` they are. */
	source: EndpointKey;
	label: (record: IDataObject, parent: IDataObject) => string;
}

/** Parents have few children; one page of Harvest's largest size is all of them in practice. */
const MAX = 2000;

const name = (value: unknown) => String((value as IDataObject | undefined)?.name ?? '');
const archived = (record: IDataObject) => (record.is_active === false ? ' (archived)' : '');
const day = (value: unknown) => String(value ?? '').slice(0, 10);
const short = (value: unknown) => {
	const text = String(value ?? '').replace(/\s+/g, ' ').trim();
	return text.length > 60 ? `${text.slice(0, 59)}…` : text;
};
const event = (record: IDataObject) =>
	record.event_type ? String(record.event_type).replace(/^./, (c) => c.toUpperCase()) : 'Email';
const message = (r: IDataObject) => [day(r.sent_at ?? r.created_at), event(r), short(r.subject)].filter(Boolean).join(' · ');
const rate = (r: IDataObject) =>
	`${Number(r.amount ?? 0).toFixed(2)} per hour from ${r.start_date ?? 'the start'}${r.end_date ? ` to ${r.end_date}` : ''}`;
const line = (r: IDataObject, parent: IDataObject) =>
	[r.kind, short(r.description), `${Number(r.quantity ?? 0)} × ${money(r.unit_price, parent.currency)}`].filter(Boolean).join(' · ');

const CHILDREN: Record<ChildKind, ChildSearch> = {
	billableRate: { source: 'GET /users/{userId}/billable_rates', label: rate },
	costRate: { source: 'GET /users/{userId}/cost_rates', label: rate },
	estimateLineItem: { source: 'GET /estimates/{estimateId}', label: line },
	estimateMessage: { source: 'GET /estimates/{estimateId}/messages', label: message },
	invoiceLineItem: { source: 'GET /invoices/{invoiceId}', label: line },
	invoiceMessage: { source: 'GET /invoices/{invoiceId}/messages', label: message },
	invoicePayment: {
		source: 'GET /invoices/{invoiceId}/payments',
		label: (r) => [day(r.paid_date ?? r.paid_at), Number(r.amount ?? 0).toFixed(2), short(r.notes)].filter(Boolean).join(' · '),
	},
	taskAssignment: {
		source: 'GET /projects/{projectId}/task_assignments',
		label: (r) => `${name(r.task)}${r.billable === false ? ' · not billable' : ''}${archived(r)}`,
	},
	userAssignment: {
		source: 'GET /projects/{projectId}/user_assignments',
		label: (r) => `${name(r.user)}${r.is_project_manager ? ' · manager' : ''}${archived(r)}`,
	},
};

/** The id in the parent's picker, or undefined while it is empty or an unresolved expression. */
function parentId(ctx: ILoadOptionsFunctions, parent: { parameter: string; kind: LocatorKind }): number | undefined {
	const raw = ctx.getCurrentNodeParameter(parent.parameter, { extractValue: true }) as unknown;
	const value = raw && typeof raw === 'object' ? (raw as IDataObject).value : raw;
	const text = String(value ?? '').trim();
	const pattern = urlPattern(parent.kind);
	const fromUrl = pattern ? new RegExp(pattern).exec(text)?.[1] : undefined;
	const id = fromUrl ?? text;
	return /^\d+$/.test(id) ? Number(id) : undefined;
}

function childSearch(kind: ChildKind) {
	const spec = CHILDREN[kind];
	const parent = LOCATORS[kind].parent!;
	return async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const id = parentId(this, parent);
		if (id === undefined) return { results: [] };
		const source = endpoint(spec.source);
		const path = endpointPath(source, { [parent.parameter]: id });
		let owner: IDataObject = {};
		let records: IDataObject[];
		if (source.list) {
			records = await harvestList.call(this, { path, listKey: source.list.key, limit: MAX });
		} else {
			owner = await harvestRequest.call(this, { method: 'GET', path });
			records = (owner.line_items ?? []) as IDataObject[];
		}
		const needle = (filter ?? '').trim().toLowerCase();
		const results: INodeListSearchItems[] = [];
		for (const record of records) {
			const label = spec.label(record, owner);
			if (needle && !label.toLowerCase().includes(needle) && String(record.id) !== needle) continue;
			results.push({ name: label, value: String(record.id) });
		}
		return { results };
	};
}

export const childSearches = Object.fromEntries(
	(Object.keys(CHILDREN) as ChildKind[]).map((kind) => [LOCATORS[kind].search, childSearch(kind)]),
);
