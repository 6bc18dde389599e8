import type { EndpointKey } from './types';

/**
 * What people and other systems know a Harvest record by, besides its id: the facts Find, Find or Create and
 * Create or Update match on. Each key says where the value sits in a record as Harvest returns it, and which
 * list filter (if any) narrows the search on Harvest's side.
 */
export type MatchKey = 'name' | 'email' | 'code' | 'number' | 'externalReference';

type RecordLike = Record<string, unknown>;

export interface MatchKeySpec {
	/** The editor's word for it. */
	label: string;
	/** The record's value for this key; undefined when the record has none. */
	read: (record: RecordLike) => string | undefined;
	/** A list filter Harvest documents for exactly this value. */
	filter?: string;
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

export const MATCH_KEYS: Record<MatchKey, MatchKeySpec> = {
	// People (users, contacts) have no `name`: theirs is first and last name, as the web app shows it.
	name: {
		label: 'Name',
		read: (r) => text(r.name) ?? ([r.first_name, r.last_name].filter((part) => typeof part === 'string' && part).join(' ') || undefined),
	},
	email: { label: 'Email', read: (r) => text(r.email) },
	code: { label: 'Code', read: (r) => text(r.code) },
	number: { label: 'Number', read: (r) => text(r.number) },
	// Harvest's filter "only time entries with the given external_reference ID"; whether it compares exactly
	// is not documented, so matches are checked again on the records.
	externalReference: {
		label: 'External Reference ID',
		read: (r) => text((r.external_reference as RecordLike | null | undefined)?.id),
		filter: 'external_reference_id',
	},
};

/** The keys each searchable list can be matched on, the most usual first. */
export const IDENTITIES: Partial<Record<EndpointKey, readonly MatchKey[]>> = {
	'GET /clients': ['name'],
	'GET /contacts': ['email', 'name'],
	'GET /estimate_item_categories': ['name'],
	'GET /estimates': ['number'],
	'GET /expense_categories': ['name'],
	'GET /invoice_item_categories': ['name'],
	'GET /invoices': ['number'],
	'GET /projects': ['name', 'code'],
	'GET /roles': ['name'],
	'GET /tasks': ['name'],
	'GET /time_entries': ['externalReference'],
	'GET /users': ['email', 'name'],
};

export function identityKeys(list: EndpointKey): readonly MatchKey[] {
	const keys = IDENTITIES[list];
	if (!keys) throw new Error(`${list} has no identities in the catalogue`);
	return keys;
}
