import { parseHarvestTime } from './time';

export interface PageSummary<T> {
	records: readonly T[];
	/** `total_entries` of the page's envelope, when Harvest sent it. */
	totalEntries?: number;
}

export interface ReadAssessment<T> {
	records: T[];
	/** False when the pages may not add up to one consistent answer (see below). */
	complete: boolean;
	reason?: string;
}

/**
 * Whether several pages of one read can be trusted to contain every record of the result set.
 *
 * One page is one consistent answer. Across pages, Harvest's page-numbered lists (time entries, expenses,
 * invoices, estimates) are offsets into an order that writes can shift: a record that leaves the set or moves to
 * a later page while we read pulls the next record onto a page we already have, and nobody returns it. Such a
 * shift always leaves a trace in what we do receive: a record written after the first page was served
 * (updated_at >= its `Date`), the same id twice, or a `total_entries` that changes or disagrees with the count.
 * Any trace marks the read incomplete; the poll still emits what it found, but keeps the watermark, so the next
 * poll reads the same window again. Without the first page's `Date` a multi-page read cannot be checked, so it
 * counts as incomplete too.
 */
export function assessPages<T extends { id?: unknown; updated_at?: unknown }>(
	pages: ReadonlyArray<PageSummary<T>>,
	serverTime: number | undefined,
): ReadAssessment<T> {
	const records = pages.flatMap((page) => [...page.records]);
	if (pages.length <= 1) return { records, complete: true };
	if (serverTime === undefined) return { records, complete: false, reason: 'no server time to check pages against' };

	const totals = pages.map((page) => page.totalEntries).filter((total): total is number => total !== undefined);
	if (new Set(totals).size > 1) return { records, complete: false, reason: 'total_entries changed between pages' };

	const ids = new Set<string>();
	for (const [index, page] of pages.entries()) {
		for (const record of page.records) {
			const id = String(record.id);
			if (ids.has(id)) return { records, complete: false, reason: 'a record appeared on two pages' };
			ids.add(id);
			const updatedAt = parseHarvestTime(record.updated_at);
			if (index > 0 && updatedAt !== undefined && updatedAt >= serverTime) {
				return { records, complete: false, reason: 'a record changed while the pages were read' };
			}
		}
	}
	if (totals.length > 0 && ids.size !== totals[totals.length - 1]) {
		return { records, complete: false, reason: 'fewer records than total_entries' };
	}
	return { records, complete: true };
}
