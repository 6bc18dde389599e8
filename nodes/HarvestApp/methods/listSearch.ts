import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { endpoint, type EndpointKey } from '../../shared/catalogue';
import { harvestPages, harvestRequest } from '../../shared/transport';

import { LOCATORS, type LocatorKind } from '../descriptions/locators';

type Search = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;

interface SearchSpec {
	list: EndpointKey;
	/** What a person recognises the record by. */
	label: (record: IDataObject) => string;
	/** Sort by label (named things) instead of Harvest's order (dated things, newest first). */
	byName?: boolean;
}

const name = (value: unknown) => String((value as IDataObject | undefined)?.name ?? '');
const archived = (record: IDataObject) => (record.is_active === false ? ' (archived)' : '');
const person = (record: IDataObject) => `${record.first_name ?? ''} ${record.last_name ?? ''}`.trim();

/** Amounts as people read them: "$10,700.00"; an unknown currency code falls back to "10700 XYZ". */
export function money(amount: unknown, currency: unknown): string {
	const value = Number(amount ?? 0);
	try {
		return new Intl.NumberFormat('en-US', { style: 'currency', currency: String(currency || 'USD') }).format(value);
	} catch {
		return `${value} ${String(currency ?? '')}`.trim();
	}
}

const SEARCHES: Record<LocatorKind, SearchSpec> = {
	client: { list: 'GET /clients', byName: true, label: (r) => `${name(r)}${archived(r)}` },
	contact: {
		list: 'GET /contacts',
		byName: true,
		label: (r) => `${person(r)}${r.email ? ` <${r.email}>` : ''}${r.client ? ` · ${name(r.client)}` : ''}`,
	},
	estimate: {
		list: 'GET /estimates',
		label: (r) => `#${r.number ?? r.id} · ${name(r.client)} · ${money(r.amount, r.currency)}`,
	},
	estimateItemCategory: { list: 'GET /estimate_item_categories', byName: true, label: name },
	expense: {
		list: 'GET /expenses',
		label: (r) =>
			`${r.spent_date} · ${name(r.expense_category)} · ${money(r.total_cost, (r.client as IDataObject)?.currency)} · ${name(r.user)}`,
	},
	expenseCategory: { list: 'GET /expense_categories', byName: true, label: (r) => `${name(r)}${archived(r)}` },
	invoice: {
		list: 'GET /invoices',
		label: (r) => `#${r.number ?? r.id} · ${name(r.client)} · ${money(r.amount, r.currency)}`,
	},
	invoiceItemCategory: { list: 'GET /invoice_item_categories', byName: true, label: name },
	project: {
		list: 'GET /projects',
		byName: true,
		label: (r) => `${name(r)}${r.client ? ` (${name(r.client)})` : ''}${archived(r)}`,
	},
	role: { list: 'GET /roles', byName: true, label: name },
	task: { list: 'GET /tasks', byName: true, label: (r) => `${name(r)}${archived(r)}` },
	timeEntry: {
		list: 'GET /time_entries',
		label: (r) =>
			`${r.spent_date} · ${name(r.user)} · ${name(r.project)} / ${name(r.task)} · ${Number(r.hours ?? 0).toFixed(2)} h`,
	},
	user: {
		list: 'GET /users',
		byName: true,
		label: (r) => `${person(r)}${r.email ? ` <${r.email}>` : ''}${archived(r)}`,
	},
};

/** Records per editor page: Harvest's largest page, so most accounts need one request. */
const PAGE_SIZE = 2000;

async function webBase(ctx: ILoadOptionsFunctions): Promise<string | undefined> {
	try {
		const company = await harvestRequest.call(ctx, { method: 'GET', path: endpoint('GET /company').path });
		return typeof company.base_uri === 'string' ? company.base_uri.replace(/\/+$/, '') : undefined;
	} catch {
		// Links are a convenience; the list works without them.
		return undefined;
	}
}

function makeSearch(kind: LocatorKind): Search {
	const spec = SEARCHES[kind];
	const { webPath } = LOCATORS[kind];
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const list = endpoint(spec.list).list!;
		const pages = harvestPages.call(this, {
			path: paginationToken || endpoint(spec.list).path,
			listKey: list.key,
			limit: PAGE_SIZE,
		});
		const [first, base] = await Promise.all([pages.next(), webPath ? webBase(this) : undefined]);
		const page = first.done ? undefined : first.value;
		await pages.return(undefined);
		const needle = (filter ?? '').trim().toLowerCase();
		const results: INodeListSearchItems[] = (page?.records ?? [])
			.map((record) => {
				const item: INodeListSearchItems = { name: spec.label(record), value: String(record.id) };
				if (base && webPath) item.url = `${base}/${webPath}/${record.id}`;
				return item;
			})
			.filter((item) => !needle || item.name.toLowerCase().includes(needle) || item.value === needle);
		if (spec.byName) results.sort((a, b) => a.name.localeCompare(b.name));
		const next = (page?.envelope.links as IDataObject | undefined)?.next;
		return { results, paginationToken: typeof next === 'string' && next ? next : undefined };
	};
}

export const listSearch: Record<string, Search> = Object.fromEntries(
	(Object.keys(LOCATORS) as LocatorKind[]).map((kind) => [LOCATORS[kind].search, makeSearch(kind)]),
);
