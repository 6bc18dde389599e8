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

/** A list of texts from an array or a comma-separated string; objects inside are refused, not stringified. */
export function toStrings(check: Check, raw: unknown): string[] {
	const parts = Array.isArray(raw) ? raw.map((part) => asText(check, part)) : asText(check, raw ?? '').split(',');
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

export interface NumberRules {
	integer?: boolean;
	/** Negative values are accepted (line-item quantities and prices); by default a number is zero or more. */
	signed?: boolean;
	/** Zero is refused too (payment amounts). */
	positive?: boolean;
}

/** A decimal numeral as people type it: digits, an optional sign and decimal point. No hex, exponents or words. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A number from a JSON number (expressions) or a decimal numeral (typed text); anything else is refused. */
export function toNumber(check: Check, raw: unknown, rules: NumberRules = {}): number {
	const text = typeof raw === 'string' ? raw.trim() : undefined;
	const value = text !== undefined && DECIMAL.test(text) ? Number(text) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		invalid(check.ctx, check.itemIndex, check.label, `must be a number written in decimal digits, not ${show(raw)}`);
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

/** Text from a string, number or date; objects and arrays are not text (they would be sent as "[object Object]"). */
function asText(check: Check, raw: unknown, expected = 'text'): string {
	if (raw instanceof Date) return raw.toISOString();
	if (raw && typeof raw === 'object' && typeof (raw as { toISO?: unknown }).toISO === 'function') {
		return String((raw as { toISO: () => string }).toISO());
	}
	if (raw !== null && typeof raw === 'object') {
		invalid(check.ctx, check.itemIndex, check.label, `must be ${expected}, not ${Array.isArray(raw) ? 'a list' : 'an object'} (${show(raw)})`);
	}
	if (typeof raw === 'function' || typeof raw === 'symbol') invalid(check.ctx, check.itemIndex, check.label, `must be ${expected}`);
	return typeof raw === 'string' ? raw.trim() : String(raw ?? '');
}

/** A text field's value as given (not trimmed: spaces may matter in notes), refusing objects and lists. */
export function toText(check: Check, raw: unknown): string {
	if (typeof raw === 'string') return raw;
	return asText(check, raw);
}

/** A time of day after a date: hours, minutes, optional seconds and fraction, optional zone. */
const TIME_OF_DAY = '(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?(Z|[+-]\\d{2}(?::?\\d{2})?)?';
const ZONE_OK = (zone: string | undefined) => !zone || zone === 'Z' || /^[+-](0\d|1[0-4])(:?[0-5]\d)?$/.test(zone);

function validTime(hh: string, mm: string, ss: string | undefined, zone: string | undefined): boolean {
	return Number(hh) <= 23 && Number(mm) <= 59 && Number(ss ?? 0) <= 59 && ZONE_OK(zone);
}

/**
 * A calendar date as Harvest wants it (YYYY-MM-DD). The editor's date picker adds a time, which is dropped
 * as written (no time-zone shift); impossible dates such as 2025-02-30 are refused.
 */
export function toDate(check: Check, raw: unknown): string {
	const text = asText(check, raw, 'a date (YYYY-MM-DD)');
	const match = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ]${TIME_OF_DAY})?$`).exec(text);
	const date = match && DateTime.fromObject({ year: +match[1], month: +match[2], day: +match[3] }, { zone: 'UTC' });
	const timeOk = !match || match[4] === undefined || validTime(match[4], match[5], match[6], match[7]);
	if (!match || !date || !date.isValid || !timeOk) {
		invalid(check.ctx, check.itemIndex, check.label, `must be a real date (YYYY-MM-DD), not ${show(text)}`);
	}
	return `${match[1]}-${match[2]}-${match[3]}`;
}

/**
 * An instant in ISO 8601 UTC; a value without a zone is read in the workflow's time zone. Only the plain
 * ISO form (four-digit year, real calendar date and time, nothing after it) is taken.
 */
export function toDateTime(check: Check, raw: unknown): string {
	const text = asText(check, raw, 'a date and time');
	const zone = typeof check.ctx.getTimezone === 'function' ? check.ctx.getTimezone() : 'UTC';
	const form = new RegExp(`^\\d{4}-\\d{2}-\\d{2}(?:[T ]${TIME_OF_DAY})?$`).exec(text);
	const parsed = DateTime.fromISO(text.replace(' ', 'T'), { zone, setZone: true });
	if (!text || !form || !parsed.isValid || (form[1] !== undefined && !validTime(form[1], form[2], form[3], form[4]))) {
		invalid(check.ctx, check.itemIndex, check.label, `must be a date and time such as 2025-01-31T09:00:00Z, not ${show(text)}`);
	}
	return parsed.toUTC().toISO({ suppressMilliseconds: true }) as string;
}

/** A wall-clock time in Harvest's formats: "8:00am", "1:30 PM" or "14:30". */
export function toTime(check: Check, raw: unknown): string {
	const text = asText(check, raw, 'a time');
	const match = /^(\d{1,2}):(\d{2})\s*([ap]m)?$/i.exec(text);
	const hour = match ? Number(match[1]) : -1;
	const ok = match && Number(match[2]) < 60 && (match[3] ? hour >= 1 && hour <= 12 : hour <= 23);
	if (!ok) invalid(check.ctx, check.itemIndex, check.label, `must be a time such as 8:00am or 14:30, not ${show(text)}`);
	return text;
}

export function toEmail(check: Check, raw: unknown): string {
	const text = asText(check, raw, 'an email address');
	if (!/^[^\s@]+@[^\s@]+$/.test(text)) invalid(check.ctx, check.itemIndex, check.label, `must be an email address, not ${show(text)}`);
	return text;
}

export function toOption(check: Check, raw: unknown, values: readonly string[]): string {
	const text = asText(check, raw, `one of ${values.join(', ')}`);
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

/** A switch parameter, read strictly (true/false, or their exact text); `label` as the editor shows it. */
export function readBoolean(this: IExecuteFunctions, itemIndex: number, name: string, label: string, fallback = false): boolean {
	return toBoolean({ ctx: this, itemIndex, label }, this.getNodeParameter(name, itemIndex, fallback));
}

/** A text parameter, trimmed; objects and lists are refused rather than sent as "[object Object]". */
export function readText(this: IExecuteFunctions, itemIndex: number, name: string, label: string, fallback = ''): string {
	return toText({ ctx: this, itemIndex, label }, this.getNodeParameter(name, itemIndex, fallback)).trim();
}

/**
 * Return All and Limit of a Get Many: 0 for every record, else the limit. Both are read strictly: the text
 * "false" is false (not a truthy string that reads every page), and a Limit of `true` is not 1.
 */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number {
	const returnAll = readBoolean.call(this, itemIndex, 'returnAll', 'Return All');
	if (returnAll) return 0;
	const limit = toNumber({ ctx: this, itemIndex, label: 'Limit' }, this.getNodeParameter('limit', itemIndex, 50), { integer: true });
	if (limit < 1) invalid(this, itemIndex, 'Limit', `must be at least 1, not ${limit}`);
	return limit;
}

/** A report period starts on or before its end (longer periods than Harvest's 365 days are read in slices). */
export function checkReportRange(ctx: IExecuteFunctions, itemIndex: number, from: string, to: string, toLabel = 'To'): void {
	if (to < from) invalid(ctx, itemIndex, toLabel, `(${to}) is before the start date (${from})`);
}
