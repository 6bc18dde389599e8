/**
 * "When a Field Changes": which examined versions are transitions of the watched field, judged against the
 * trigger's own memory of each record's last value. Each transition is reported once: the memory moves to the new
 * value as soon as a version is examined, so later edits of other fields find the same value and report nothing.
 * Pure.
 */
import { isWanted, valueCode, valueOf, type WatchedField } from './fields';

export interface ChangeWatch {
	field: WatchedField;
	/** Report only changes to these values; undefined reports any change. */
	wanted?: readonly string[];
}

export interface Transition<T> {
	record: T;
	previous: string | boolean | null;
	current: string | boolean | null;
}

/**
 * Codes are kept per record id; for lists watched in a date window (time entries, expenses) the record's day
 * (days since 1970 of its spent_date) is kept with it, so the memory can forget what leaves the window.
 */
const DAY_FACTOR = 16;

export interface FieldMemory {
	codes: Map<number, number>;
	/** Whether entries carry their day (date-window lists). */
	dated: boolean;
}

function recall(memory: FieldMemory, id: number): number | undefined {
	const packed = memory.codes.get(id);
	if (packed === undefined) return undefined;
	return memory.dated ? packed % DAY_FACTOR : packed;
}

export function remember(memory: FieldMemory, id: number, code: number, day: number | undefined): void {
	memory.codes.set(id, memory.dated ? Math.max(0, day ?? 0) * DAY_FACTOR + code : code);
}

/** Forgets records whose day is before `firstDay` (date-window lists only). */
export function forgetBefore(memory: FieldMemory, firstDay: number): void {
	if (!memory.dated) return;
	for (const [id, packed] of memory.codes) if (Math.floor(packed / DAY_FACTOR) < firstDay) memory.codes.delete(id);
}

export interface Examined<T> {
	id: number;
	record: T;
	value: unknown;
	day?: number;
}

/**
 * The transitions among `examined` (oldest first), updating `memory`. A record the memory does not know (created
 * after the last full read, or outside the date window) has no previous value: it is reported, with `previous:
 * null`, only when a list of wanted values is given and it has one of them; with "any change" it is remembered
 * and not reported, since nothing says its value changed.
 */
export function transitionsOf<T>(examined: ReadonlyArray<Examined<T>>, memory: FieldMemory, watch: ChangeWatch): Array<Transition<T>> {
	const out: Array<Transition<T>> = [];
	for (const version of examined) {
		const code = valueCode(watch.field, version.value);
		const before = recall(memory, version.id);
		remember(memory, version.id, code, version.day);
		if (before === code) continue;
		if (before === undefined && !watch.wanted) continue;
		if (watch.wanted && !isWanted(watch.field, code, watch.wanted)) continue;
		out.push({
			record: version.record,
			previous: before === undefined ? null : valueOf(watch.field, before),
			current: valueOf(watch.field, code),
		});
	}
	return out;
}
