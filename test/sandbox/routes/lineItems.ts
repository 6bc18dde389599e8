import { unprocessable } from '../errors';
import { Fields } from '../fields';
import type { InvoiceLineItemRow, LineItemRow } from '../model';
import type { AccountStore } from '../store';
import { ref } from './helpers';

export interface LineItemChanges<T extends LineItemRow> {
	items: T[];
	/** Lines removed with `_destroy` (their tracked time/expenses must be released). */
	removed: T[];
}

interface LineItemOptions<T extends LineItemRow> {
	store: AccountStore;
	/** Valid `kind` values: the names of the item categories. */
	kinds: string[];
	/** Extra fields for a new line (e.g. the invoice line's project). */
	extra(f: Fields, current: T | null): Partial<T>;
	blank(): Omit<T, keyof LineItemRow>;
	/** False on create: every element is a new line. */
	allowUpdates: boolean;
}

function kindOf(f: Fields, kinds: string[]): string | undefined {
	const v = f.str('kind');
	if (v === undefined || v === null) return undefined;
	const match = kinds.find((k) => k.toLowerCase() === v.trim().toLowerCase());
	if (!match) throw unprocessable(`Kind "${v}" is not an item category (use one of: ${kinds.join(', ')})`);
	return match;
}

/**
 * Applies a `line_items` array the way Harvest does: elements without `id` are new lines
 * (kind and unit_price required), elements with `id` update that line, and `id` +
 * `_destroy: true` deletes it. Lines not mentioned stay as they are.
 */
export function applyLineItems<T extends LineItemRow>(current: readonly T[], list: unknown[], opts: LineItemOptions<T>): LineItemChanges<T> {
	const items = current.map((li) => ({ ...li }));
	const removed: T[] = [];
	for (const element of list) {
		if (!element || typeof element !== 'object' || Array.isArray(element)) throw unprocessable('Each line item must be an object');
		const f = new Fields(element);
		const id = opts.allowUpdates ? f.int('id') : undefined;
		const quantity = f.num('quantity');
		const unitPrice = f.num('unit_price');
		if (typeof id === 'number') {
			const index = items.findIndex((li) => li.id === id);
			if (index < 0) throw unprocessable(`Line item ${id} not found on this document`);
			if (f.bool('_destroy') === true) {
				removed.push(items[index]);
				items.splice(index, 1);
				continue;
			}
			const line = items[index];
			const kind = kindOf(f, opts.kinds);
			if (kind) line.kind = kind;
			const description = f.str('description');
			if (description !== undefined) line.description = description;
			if (typeof quantity === 'number') line.quantity = quantity;
			if (typeof unitPrice === 'number') line.unit_price = unitPrice;
			const taxed = f.bool('taxed');
			const taxed2 = f.bool('taxed2');
			if (typeof taxed === 'boolean') line.taxed = taxed;
			if (typeof taxed2 === 'boolean') line.taxed2 = taxed2;
			Object.assign(line, opts.extra(f, line));
			continue;
		}
		const kind = kindOf(f, opts.kinds);
		if (!kind) throw unprocessable("Line item kind can't be blank");
		if (unitPrice === undefined || unitPrice === null) throw unprocessable("Line item unit price can't be blank");
		const line = {
			...opts.blank(),
			id: opts.store.lineItemIds.next(),
			kind,
			description: f.str('description') ?? null,
			quantity: quantity ?? 1,
			unit_price: unitPrice,
			taxed: f.bool('taxed') ?? false,
			taxed2: f.bool('taxed2') ?? false,
			...opts.extra(f, null),
		} as T;
		items.push(line);
	}
	return { items, removed };
}

export function invoiceLineOptions(store: AccountStore, allowUpdates: boolean): LineItemOptions<InvoiceLineItemRow> {
	return {
		store,
		allowUpdates,
		kinds: store.invoiceItemCategories.sorted().map((c) => c.name),
		blank: () => ({ project_id: null, time_entry_ids: [], expense_ids: [] }),
		extra: (f) => {
			const projectId = f.int('project_id');
			if (projectId === undefined) return {};
			if (projectId !== null) ref(store.projects, projectId, 'Project');
			return { project_id: projectId };
		},
	};
}

export function estimateLineOptions(store: AccountStore, allowUpdates: boolean): LineItemOptions<LineItemRow> {
	return {
		store,
		allowUpdates,
		kinds: store.estimateItemCategories.sorted().map((c) => c.name),
		blank: () => ({}),
		extra: () => ({}),
	};
}
