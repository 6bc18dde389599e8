import type { IDataObject } from 'n8n-workflow';
import type { ReportRows } from '../../../shared/catalogue';
import { DateTime } from 'luxon';

/*
 * Harvest's time and expense reports cover at most "1 year (365 days)" per request. Whether that means 365
 * days between From and To or 365 calendar days is not documented, so a slice covers at most 365 calendar
 * days (From and To included), which both readings allow. Pure: dates and rows in, slices and rows out.
 */

export const SLICE_DAYS = 365;

export interface Slice {
	from: string;
	to: string;
}

/** From..To (inclusive, YYYY-MM-DD, From ≤ To) cut into consecutive slices of at most SLICE_DAYS days. */
export function reportSlices(from: string, to: string): Slice[] {
	const end = DateTime.fromISO(to, { zone: 'UTC' });
	const slices: Slice[] = [];
	for (let start = DateTime.fromISO(from, { zone: 'UTC' }); start <= end; start = start.plus({ days: SLICE_DAYS })) {
		const last = DateTime.min(start.plus({ days: SLICE_DAYS - 1 }), end);
		slices.push({ from: start.toISODate() as string, to: last.toISODate() as string });
	}
	return slices;
}

/** Floating-point noise from adding decimals (0.1 + 0.2) is cut off; Harvest's figures have fewer places. */
const tidy = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * The rows of several slices as one report: rows of the same record and currency become one row whose
 * figures (`rows.sums`) are the slices' figures added up, and whose other columns (names, capacity) are those
 * of the latest slice. That is what one request over the whole period would give, since every figure is a
 * total over the period. Rows keep the order in which they first appear, oldest slice first.
 */
export function mergeSliceRows(slices: IDataObject[][], rows: ReportRows): IDataObject[] {
	// A Map keeps the position of a key's first insertion when the key is set again.
	const merged = new Map<string, IDataObject>();
	for (const row of slices.flat()) {
		const id = JSON.stringify([row[rows.key] ?? null, row.currency ?? null]);
		const before = merged.get(id);
		const out: IDataObject = { ...row };
		for (const figure of before ? rows.sums : []) {
			const [earlier, later] = [before![figure], row[figure]];
			if (typeof earlier === 'number' && typeof later === 'number') out[figure] = tidy(earlier + later);
			else if (later === null || later === undefined) out[figure] = earlier;
		}
		merged.set(id, out);
	}
	return [...merged.values()];
}
