import type { Emission, HarvestRecordLike } from './plan';
import type { Roster } from './roster';
import { parseHarvestTime } from './time';

/**
 * "When a field changes": state changes such as an invoice becoming paid or a timesheet being approved.
 *
 * Harvest keeps no old values, so the previous value comes from the roster (`roster.ts`): the value the trigger
 * last saw for each record, first from a listing of every watched record at activation, then from each version
 * the change feed (`plan.ts`) hands over. A version is handed over once, settled (the last content of its
 * second), oldest first; so each transition is reported once, and a later edit that leaves the field alone
 * (new notes on a paid invoice) reports nothing. A flip that is undone before the next poll sees it, or within
 * one second, is no transition at all: only the values the trigger sees count.
 *
 * A record without a remembered value:
 * - created after the trigger started: compared with the value Harvest gives new records (`initial`: draft,
 *   unsubmitted, active, not billed, no date), so an invoice created and paid between two polls is reported as
 *   draft → paid, while a new draft reports nothing;
 * - older (dated before the window, or met first in a listing): its value is remembered silently, since nothing
 *   says what it was before.
 */

export type FieldKind = 'enum' | 'boolean' | 'time';

export interface FieldSpec {
	/** Harvest's field name, e.g. `state`. */
	name: string;
	kind: FieldKind;
	/** The values of an `enum` field, as Harvest writes them. */
	values?: readonly string[];
	/** The value Harvest gives a new record. */
	initial: string | boolean | null;
}

export interface FieldWatch {
	spec: FieldSpec;
	/**
	 * Report only changes to these values (empty: any change). Enum values as Harvest writes them; `true`/`false`
	 * for booleans; `set`/`cleared` for date-times (a value / none).
	 */
	to: readonly string[];
}

/** Codes 1 and up; 0 means "not known" in the roster. */
const NULL_CODE = 1;

/** The roster code of a field value; undefined when the value is not one this field can have. */
export function encodeValue(spec: FieldSpec, value: unknown): number | undefined {
	if (value === null) return NULL_CODE;
	switch (spec.kind) {
		case 'enum': {
			const index = typeof value === 'string' ? (spec.values ?? []).indexOf(value) : -1;
			return index < 0 ? undefined : index + 2;
		}
		case 'boolean':
			return value === true ? 3 : value === false ? 2 : undefined;
		case 'time': {
			const seconds = parseHarvestTime(value);
			return seconds === undefined || seconds < 0 ? undefined : seconds + 2;
		}
	}
}

export function decodeValue(spec: FieldSpec, code: number): string | boolean | null {
	if (code === NULL_CODE) return null;
	switch (spec.kind) {
		case 'enum':
			return (spec.values ?? [])[code - 2] ?? null;
		case 'boolean':
			return code === 3;
		case 'time':
			return new Date((code - 2) * 1000).toISOString().slice(0, 19) + 'Z';
	}
}

/** Whether a change to `current` is one the user asked for. */
export function wanted(watch: FieldWatch, current: string | boolean | null): boolean {
	if (watch.to.length === 0) return true;
	if (watch.spec.kind === 'time') return watch.to.includes(current === null ? 'cleared' : 'set');
	return watch.to.includes(String(current));
}

export interface Transition<T> {
	record: T;
	previous: string | boolean | null;
	current: string | boolean | null;
}

export interface TransitionInput<T> {
	/** The versions the change feed hands over this poll, oldest first. */
	emissions: ReadonlyArray<Emission<T>>;
	roster: Roster;
	watch: FieldWatch;
	/** When watching started (server time): records created at or after it start from `initial`. */
	floor: number;
	/** The record's day for the roster (0 when undated), or undefined when it is outside the watched window. */
	dayOf: (record: T) => number | undefined;
}

export interface TransitionResult<T> {
	transitions: Array<Transition<T>>;
	/** Versions whose field held a value the field cannot have (left as they were in the roster). */
	unreadable: number;
}

/** Compares each handed-over version with the roster, records its value, and returns the wanted transitions. */
export function detectTransitions<T extends HarvestRecordLike & Record<string, unknown>>(
	input: TransitionInput<T>,
): TransitionResult<T> {
	const { roster, watch } = input;
	const transitions: Array<Transition<T>> = [];
	let unreadable = 0;
	for (const { record } of input.emissions) {
		const id = Number(record.id);
		const day = input.dayOf(record);
		if (day === undefined) {
			roster.rows.delete(id);
			continue;
		}
		const current = encodeValue(watch.spec, record[watch.spec.name]);
		if (current === undefined) {
			unreadable++;
			continue;
		}
		const row = roster.rows.get(id);
		let previous = row?.value ?? 0;
		if (previous === 0) {
			const createdAt = parseHarvestTime(record.created_at);
			previous = createdAt !== undefined && createdAt >= input.floor ? (encodeValue(watch.spec, watch.spec.initial) as number) : current;
		}
		if (row) {
			row.value = current;
			row.day = day;
		} else {
			roster.rows.set(id, { day, value: current });
		}
		if (previous === current) continue;
		const now = decodeValue(watch.spec, current);
		if (wanted(watch, now)) transitions.push({ record, previous: decodeValue(watch.spec, previous), current: now });
	}
	return { transitions, unreadable };
}
