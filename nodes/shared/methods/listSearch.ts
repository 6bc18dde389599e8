import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { endpoint, type EndpointKey } from '../catalogue';
import { harvestPages, harvestRequest } from '../transport';
import { credentialTypeFor } from '../transport/connection';

import { LOCATORS, type LocatorKind } from '../descriptions/locators';
import { childSearches, type ChildKind } from './childSearch';
import { money } from './format';

export { money } from './format';

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

const SEARCHES: Record<Exclude<LocatorKind, ChildKind>, SearchSpec> = {
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

/*
 * Paging of the pickers. Lists Harvest can filter by `is_active` are read in two passes, active records first
 * and archived ones after them, so the usual choices come first while archived records stay findable. The
 * editor's pagination token says where the next call goes on: the pass and Harvest's `links.next` URL.
 */
type Pass = 'active' | 'archived' | 'all';

interface Position {
	pass: Pass;
	/** Harvest's `links.next`; without it the pass starts at its first page. */
	next?: string;
}

/** Pages read for one typed search before the editor is given what was found (and a token to go on). */
export const MAX_SEARCH_PAGES = 10;
/** Matches that are enough for one answer to a typed search. */
export const ENOUGH_MATCHES = 100;

const PASS_FILTER: Record<Pass, IDataObject> = { active: { is_active: true }, archived: { is_active: false }, all: {} };

function firstPass(list: EndpointKey): Pass {
	return endpoint(list).list?.filters.includes('is_active') ? 'active' : 'all';
}

function passAfter(pass: Pass): Position | undefined {
	return pass === 'active' ? { pass: 'archived' } : undefined;
}

function tokenOf(position: Position | undefined): string | undefined {
	if (!position) return undefined;
	return position.next ? `${position.pass} ${position.next}` : position.pass;
}

function positionOf(token: string | undefined, list: EndpointKey): Position {
	const text = String(token ?? '').trim();
	if (!text) return { pass: firstPass(list) };
	const [pass, ...rest] = text.split(' ');
	if (pass === 'active' || pass === 'archived' || pass === 'all') return { pass, next: rest.join(' ') || undefined };
	// A bare next URL, as earlier versions returned it.
	return { pass: 'all', next: text };
}

/**
 * The next URL to read a pass on: without `per_page` (the transport sets it on every first request) and with
 * the pass's filter, should Harvest's link have dropped it.
 */
function continuation(next: string, pass: Pass): string {
	try {
		const url = new URL(next);
		url.searchParams.delete('per_page');
		for (const [key, value] of Object.entries(PASS_FILTER[pass])) {
			if (!url.searchParams.has(key)) url.searchParams.set(key, String(value));
		}
		return url.toString();
	} catch {
		return next;
	}
}

/** One page of the list at `position`: the records of its pass, and where the following page is. */
async function readPage(
	ctx: ILoadOptionsFunctions,
	list: EndpointKey,
	position: Position,
): Promise<{ records: IDataObject[]; then: Position | undefined }> {
	const spec = endpoint(list);
	const pages = harvestPages.call(ctx, {
		path: position.next ? continuation(position.next, position.pass) : spec.path,
		listKey: spec.list!.key,
		qs: position.next ? {} : PASS_FILTER[position.pass],
	});
	const first = await pages.next();
	await pages.return(undefined);
	const page = first.done ? undefined : first.value;
	const next = (page?.envelope.links as IDataObject | undefined)?.next;
	// Kept to the pass even if a next link ever came back without its filter.
	const records = (page?.records ?? []).filter(
		(r) => position.pass === 'all' || (position.pass === 'active') === (r.is_active !== false),
	);
	return {
		records,
		then: typeof next === 'string' && next ? { pass: position.pass, next } : passAfter(position.pass),
	};
}

/*
 * Web-app links need the account's address (`/company` → base_uri). It changes next to never, so it is kept
 * per account for a few minutes instead of being asked for on every keystroke. Only the links use it.
 */
const WEB_BASE_TTL_MS = 5 * 60_000;
const WEB_BASE_RETRY_MS = 30_000;
const webBases = new Map<string, { until: number; base: Promise<string | undefined> }>();

/** The cache's clock and reset, for tests. */
export const webBaseCache = {
	now: (): number => Date.now(),
	clear: (): void => webBases.clear(),
};

function parameter(ctx: ILoadOptionsFunctions, name: string, fallback: string): string {
	const value = typeof ctx.getCurrentNodeParameter === 'function' ? ctx.getCurrentNodeParameter(name) : undefined;
	return String(value ?? ctx.getNodeParameter(name, fallback) ?? fallback).trim();
}

/** Which account the picker reads: the credential (by id and API base) and the chosen account. */
async function accountKey(ctx: ILoadOptionsFunctions): Promise<string> {
	const credentialType = credentialTypeFor(parameter(ctx, 'authentication', 'accessToken')) ?? '';
	const credentials = await ctx.getCredentials(credentialType);
	const credentialId = ctx.getNode().credentials?.[credentialType]?.id ?? '';
	const account = parameter(ctx, 'accountId', '') || String(credentials.accountId ?? '');
	return JSON.stringify([credentialType, credentialId, String(credentials.baseUrl ?? ''), account]);
}

async function fetchWebBase(ctx: ILoadOptionsFunctions): Promise<string | undefined> {
	const company = await harvestRequest.call(ctx, { method: 'GET', path: endpoint('GET /company').path });
	return typeof company.base_uri === 'string' ? company.base_uri.replace(/\/+$/, '') : undefined;
}

async function webBase(ctx: ILoadOptionsFunctions): Promise<string | undefined> {
	try {
		const key = await accountKey(ctx);
		const now = webBaseCache.now();
		const cached = webBases.get(key);
		if (cached && cached.until > now) return await cached.base;
		for (const [old, entry] of webBases) if (entry.until <= now) webBases.delete(old);
		const base = fetchWebBase(ctx).catch(() => {
			// Asked again soon, not at once on the next keystroke.
			webBases.set(key, { until: webBaseCache.now() + WEB_BASE_RETRY_MS, base: Promise.resolve(undefined) });
			return undefined;
		});
		webBases.set(key, { until: now + WEB_BASE_TTL_MS, base });
		return await base;
	} catch {
		// Links are a convenience; the list works without them.
		return undefined;
	}
}

function makeSearch(kind: Exclude<LocatorKind, ChildKind>): Search {
	const spec = SEARCHES[kind];
	const { webPath } = LOCATORS[kind];
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const needle = (filter ?? '').trim().toLowerCase();
		const base = webPath ? webBase(this) : undefined;
		const found: Array<{ record: IDataObject; label: string; archived: boolean }> = [];
		let position: Position | undefined = positionOf(paginationToken, spec.list);
		// Without a search the editor pages on as the user scrolls; a search reads on until it has enough.
		for (let pages = 0; position && pages < (needle ? MAX_SEARCH_PAGES : 1); pages++) {
			const pass: Pass = position.pass;
			const page = await readPage(this, spec.list, position);
			position = page.then;
			for (const record of page.records) {
				const label = spec.label(record);
				if (needle && !label.toLowerCase().includes(needle) && String(record.id) !== needle) continue;
				found.push({ record, label, archived: pass === 'archived' });
			}
			if (found.length >= ENOUGH_MATCHES) break;
		}
		// Active records before archived ones, each group by name where names are what people look for.
		if (spec.byName) found.sort((a, b) => Number(a.archived) - Number(b.archived) || a.label.localeCompare(b.label));
		const link = await base;
		const results = found.map(({ record, label }): INodeListSearchItems => {
			const item: INodeListSearchItems = { name: label, value: String(record.id) };
			if (link && webPath) item.url = `${link}/${webPath}/${record.id}`;
			return item;
		});
		return { results, paginationToken: tokenOf(position) };
	};
}

export const listSearch: Record<string, Search> = {
	...Object.fromEntries(
		(Object.keys(SEARCHES) as Array<keyof typeof SEARCHES>).map((kind) => [LOCATORS[kind].search, makeSearch(kind)]),
	),
	...childSearches,
};
