import type { IDataObject } from 'n8n-workflow';
import { MATCH_KEYS, type MatchKey } from '../../shared/catalogue';

/*
 * How Find, Find or Create and Create or Update decide that a record is the one meant. Pure: records in,
 * matches out.
 */

/** `exact`: the same characters. `ignoreCase`: the same apart from case and surrounding or repeated spaces. */
export const MATCH_MODES = ['exact', 'ignoreCase'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

function comparable(value: unknown, mode: MatchMode): string {
	const text = String(value ?? '');
	return mode === 'exact' ? text : text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Whether two values are equal the way `mode` compares them. */
export function sameValue(a: unknown, b: unknown, mode: MatchMode = 'ignoreCase'): boolean {
	return comparable(a, mode) === comparable(b, mode);
}

/**
 * The records whose `key` equals `value`, active ones before archived ones, otherwise in Harvest's order. An
 * empty value matches nothing (a record without a code is not "the record with code ''").
 */
export function matchingRecords(records: IDataObject[], key: MatchKey, value: string, mode: MatchMode): IDataObject[] {
	if (comparable(value, mode) === '') return [];
	const read = MATCH_KEYS[key].read;
	const found = records.filter((record) => {
		const own = read(record);
		return own !== undefined && sameValue(own, value, mode);
	});
	return [...found.filter((r) => r.is_active !== false), ...found.filter((r) => r.is_active === false)];
}
