/**
 * Fields whose changes the trigger can report ("When a Field Changes"), and how one value is remembered: a small
 * number per record, so that the memory of a whole list stays compact (see idset.ts). Pure.
 */
import { APPROVAL_STATUSES, ESTIMATE_STATES, INVOICE_STATES } from '../../shared/catalogue';
import { formatHarvestTime, parseHarvestTime } from './time';

export type FieldKind = 'options' | 'boolean' | 'time';

export interface WatchedField {
	/** Harvest's field name. */
	name: string;
	label: string;
	kind: FieldKind;
	/** The values of an `options` field; `boolean` fields have true/false, `time` fields set/cleared. */
	values: readonly string[];
}

const options = (name: string, label: string, values: readonly string[]): WatchedField => ({ name, label, kind: 'options', values });
const flag = (name: string, label: string): WatchedField => ({ name, label, kind: 'boolean', values: ['true', 'false'] });
const time = (name: string, label: string): WatchedField => ({ name, label, kind: 'time', values: ['set', 'cleared'] });
const active = flag('is_active', 'Active');

/** Per watched resource (trigger parameter value), the fields whose changes people automate on. */
export const WATCHED_FIELDS: Readonly<Record<string, readonly WatchedField[]>> = {
	client: [active],
	estimate: [options('state', 'State', ESTIMATE_STATES)],
	expense: [options('approval_status', 'Approval Status', APPROVAL_STATUSES), flag('is_billed', 'Billed'), flag('is_locked', 'Locked')],
	invoice: [options('state', 'State', INVOICE_STATES), time('paid_at', 'Paid At'), time('sent_at', 'Sent At'), time('closed_at', 'Closed At')],
	project: [active],
	task: [active],
	timeEntry: [options('approval_status', 'Approval Status', APPROVAL_STATUSES), flag('is_billed', 'Billed'), flag('is_locked', 'Locked')],
	user: [active],
};

export function watchedField(resource: string, name: string): WatchedField | undefined {
	return WATCHED_FIELDS[resource]?.find((field) => field.name === name);
}

/**
 * The remembered form of a record's value: 0 for none; an option's position + 1; 1 / 2 for true / false; a time as
 * epoch seconds. Two records with the same value have the same code, and only equal values do.
 */
export function valueCode(field: WatchedField, value: unknown): number {
	if (value === null || value === undefined) return 0;
	if (field.kind === 'options') return field.values.indexOf(String(value)) + 1;
	if (field.kind === 'boolean') return value === true ? 1 : value === false ? 2 : 0;
	return parseHarvestTime(value) ?? 0;
}

/** The value a code stands for, as the record had it (for an item's `previous`). */
export function valueOf(field: WatchedField, code: number): string | boolean | null {
	if (code === 0) return null;
	if (field.kind === 'options') return field.values[code - 1] ?? null;
	if (field.kind === 'boolean') return code === 1;
	return formatHarvestTime(code);
}

/** Whether a value is one of the values asked for ("To Values"); a time field matches "set" or "cleared". */
export function isWanted(field: WatchedField, code: number, wanted: readonly string[]): boolean {
	if (field.kind === 'time') return wanted.includes(code === 0 ? 'cleared' : 'set');
	const value = valueOf(field, code);
	return value !== null && wanted.includes(String(value));
}
