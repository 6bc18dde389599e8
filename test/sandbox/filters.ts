import type { Query } from './query';

type Get<T, V> = (row: T) => V;

/** Documented list filters as row predicates (null when the filter is not in the query). */
export function updatedSince<T extends { updated_at: number }>(q: Query): ((row: T) => boolean) | null {
	const since = q.dateTime('updated_since');
	return since === undefined ? null : (row) => row.updated_at >= since;
}

export function boolEq<T>(q: Query, name: string, get: Get<T, boolean>): ((row: T) => boolean) | null {
	const v = q.bool(name);
	return v === undefined ? null : (row) => get(row) === v;
}

export function idEq<T>(q: Query, name: string, get: Get<T, number | null | undefined>): ((row: T) => boolean) | null {
	const v = q.int(name);
	return v === undefined ? null : (row) => get(row) === v;
}

export function strEq<T>(q: Query, name: string, get: Get<T, string | null | undefined>, values?: readonly string[]): ((row: T) => boolean) | null {
	const v = values ? q.oneOf(name, values) : q.str(name);
	return v === undefined ? null : (row) => get(row) === v;
}

/** `from`/`to` on a date field, both inclusive. */
export function dateRange<T>(q: Query, get: Get<T, string>): ((row: T) => boolean) | null {
	const from = q.date('from');
	const to = q.date('to');
	if (from === undefined && to === undefined) return null;
	return (row) => {
		const d = get(row);
		return (from === undefined || d >= from) && (to === undefined || d <= to);
	};
}
