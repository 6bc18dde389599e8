import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

/**
 * Input checks that run before any request, so a bad value costs no API call and the message names the
 * parameter (as the editor shows it) and the item.
 */
export function invalid(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	problem: string,
	description?: string,
): never {
	throw new NodeOperationError(ctx.getNode(), `The parameter "${label}" ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}

export interface Check {
	ctx: IExecuteFunctions;
	itemIndex: number;
	/** The parameter's name as the editor shows it. */
	label: string;
}

const show = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

export function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * A resource-locator value (`{ __rl, mode, value }`) or a plain value, reduced to what the user typed. The
 * editor copies a picker's default (`{ mode, value }`, without `__rl`) into new collection and list rows, so
 * that shape counts as a picker too.
 */
export function locatorValue(raw: unknown, urlPattern?: string): unknown {
	const isLocator =
		!!raw && typeof raw === 'object' && !Array.isArray(raw) && ('__rl' in raw || ('mode' in raw && 'value' in raw));
	if (isLocator) {
		const { mode, value } = raw as IDataObject;
		if (mode === 'url' && typeof value === 'string' && urlPattern) {
			const match = new RegExp(urlPattern).exec(value);
			return match ? match[1] : value;
		}
		return value;
	}
	return raw;
}

/** Harvest ids are positive whole numbers. */
export function toId(check: Check, raw: unknown, urlPattern?: string): number {
	const value = locatorValue(raw, urlPattern);
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (isEmpty(value)) invalid(check.ctx, check.itemIndex, check.label, 'is required', 'Pick a record from the list or enter its ID.');
	if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < 1) {
		invalid(check.ctx, check.itemIndex, check.label, `must be a positive whole number, not ${show(value)}`, 'Harvest IDs are numbers such as 12345678.');
	}
	return Number(text);
}

/** A list of ids from an array or a comma-separated string. */
export function toIds(check: Check, raw: unknown): number[] {
	const parts = Array.isArray(raw) ? raw : String(raw ?? '').split(',').filter((part) => part.trim() !== '');
	return parts.map((part) => toId(check, part));
}

export function toStrings(raw: unknown): string[] {
	const parts = Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(',');
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

export interface NumberRules {
	integer?: boolean;
	/** Negative values are accepted (line-item quantities and prices); by default a number is zero or more. */
	signed?: boolean;
	/** Zero is refused too (payment amounts). */
	positive?: boolean;
}

export function toNumber(check: Check, raw: unknown, rules: NumberRules = {}): number {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		invalid(check.ctx, check.itemIndex, check.label, `must be a number, not ${show(raw)}`);
	}
	if (!rules.signed && value < 0) invalid(check.ctx, check.itemIndex, check.label, `cannot be negative (${value})`);
	if (rules.positive && value === 0) invalid(check.ctx, check.itemIndex, check.label, 'must be more than 0');
	if (rules.integer && !Number.isInteger(value)) {
		invalid(check.ctx, check.itemIndex, check.label, `must be a whole number, not ${value}`);
	}
	return value;
}

export function toBoolean(check: Check, raw: unknown): boolean {
	if (typeof raw === 'boolean') return raw;
	if (raw === 'true' || raw === 'false') return raw === 'true';
	return invalid(check.ctx, check.itemIndex, check.label, `must be true or false, not ${show(raw)}`);
}

function asText(raw: unknown): string {
	if (raw instanceof Date) return raw.toISOString();
	if (raw && typeof raw === 'object' && typeof (raw as { toISO?: unknown }).toISO === 'function') {
		return String((raw as { toISO: () => string }).toISO());
	}
	return typeof raw === 'string' ? raw.trim() : String(raw ?? '');
}

/**
 * A calendar date as Harvest wants it (YYYY-MM-DD). The editor's date picker adds a time, which is dropped
 * as written (no time-zone shift); impossible dates such as 2025-02-30 are refused.
 */
export function toDate(check: Check, raw: unknown): string {
	const text = asText(raw);
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
	const date = match && DateTime.fromObject({ year: +match[1], month: +match[2], day: +match[3] }, { zone: 'UTC' });
	if (!match || !date || !date.isValid) {
		invalid(check.ctx, check.itemIndex, check.label, `must be a real date (YYYY-MM-DD), not ${show(text)}`);
	}
	return `${match[1]}-${match[2]}-${match[3]}`;
}

/** An instant in ISO 8601 UTC; a value without a zone is read in the workflow's time zone. */
export function toDateTime(check: Check, raw: unknown): string {
	const text = asText(raw);
	const zone = typeof check.ctx.getTimezone === 'function' ? check.ctx.getTimezone() : 'UTC';
	const parsed = DateTime.fromISO(text, { zone, setZone: true });
	if (!text || !parsed.isValid) {
		invalid(check.ctx, check.itemIndex, check.label, `must be a date and time such as 2025-01-31T09:00:00Z, not ${show(text)}`);
	}
	return parsed.toUTC().toISO({ suppressMilliseconds: true }) as string;
}

/** A wall-clock time in Harvest's formats: "8:00am", "1:30 PM" or "14:30". */
export function toTime(check: Check, raw: unknown): string {
	const text = asText(raw);
	const match = /^(\d{1,2}):(\d{2})\s*([ap]m)?$/i.exec(text);
	const hour = match ? Number(match[1]) : -1;
	const ok = match && Number(match[2]) < 60 && (match[3] ? hour >= 1 && hour <= 12 : hour <= 23);
	if (!ok) invalid(check.ctx, check.itemIndex, check.label, `must be a time such as 8:00am or 14:30, not ${show(text)}`);
	return text;
}

export function toEmail(check: Check, raw: unknown): string {
	const text = asText(raw);
	if (!/^[^\s@]+@[^\s@]+$/.test(text)) invalid(check.ctx, check.itemIndex, check.label, `must be an email address, not ${show(text)}`);
	return text;
}

export function toOption(check: Check, raw: unknown, values: readonly string[]): string {
	const text = asText(raw);
	if (!values.includes(text)) {
		invalid(check.ctx, check.itemIndex, check.label, `must be one of ${values.join(', ')}, not ${show(text)}`);
	}
	return text;
}

/** JSON typed into a field, or an object an expression produced. */
export function toJsonObject(check: Check, raw: unknown): IDataObject {
	let value = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return {};
		try {
			value = JSON.parse(raw);
		} catch (error) {
			invalid(check.ctx, check.itemIndex, check.label, `is not valid JSON (${(error as Error).message})`);
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		invalid(check.ctx, check.itemIndex, check.label, 'must be a JSON object such as {"name": "value"}');
	}
	return value as IDataObject;
}

/** Harvest's time and expense reports cover at most 365 days, from ≤ to. */
export const MAX_REPORT_DAYS = 365;

export function checkReportRange(ctx: IExecuteFunctions, itemIndex: number, from: string, to: string, toLabel = 'To'): void {
	const days = DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days;
	if (days < 0) invalid(ctx, itemIndex, toLabel, `(${to}) is before the start date (${from})`);
	if (days > MAX_REPORT_DAYS) {
		invalid(ctx, itemIndex, toLabel, `makes the range ${days} days; Harvest reports cover at most ${MAX_REPORT_DAYS}`, 'Split the period into several runs of a year or less.');
	}
}
