/**
 * The sandbox's server clock: host clock + a configurable offset, at second precision.
 * Every created_at/updated_at, default date and the HTTP `Date` header come from here,
 * so tests can move "now" without touching the host.
 */
export class Clock {
	offsetSeconds: number;

	constructor(offsetSeconds = 0) {
		this.offsetSeconds = offsetSeconds;
	}

	nowMs(): number {
		return Date.now() + this.offsetSeconds * 1000;
	}

	/** Current server time in whole seconds since the epoch. */
	nowSec(): number {
		return Math.floor(this.nowMs() / 1000);
	}

	/** Today's date (UTC) on the server clock, `YYYY-MM-DD`. */
	today(): string {
		return isoDate(this.nowSec());
	}

	httpDate(): string {
		return new Date(this.nowSec() * 1000).toUTCString();
	}
}

const dayPrefix = new Map<number, string>();
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DDTHH:MM:SSZ` for a time in epoch seconds (day prefixes cached: lists format a lot of these). */
export function isoTime(sec: number): string {
	const day = Math.floor(sec / 86400);
	let prefix = dayPrefix.get(day);
	if (prefix === undefined) {
		prefix = new Date(day * 86400_000).toISOString().slice(0, 11);
		if (dayPrefix.size > 50_000) dayPrefix.clear();
		dayPrefix.set(day, prefix);
	}
	const rest = sec - day * 86400;
	return `${prefix}${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor((rest % 3600) / 60))}:${pad2(rest % 60)}Z`;
}

export function isoTimeOrNull(sec: number | null | undefined): string | null {
	return sec === null || sec === undefined ? null : isoTime(sec);
}

/** `YYYY-MM-DD` for a time in epoch seconds. */
export function isoDate(sec: number): string {
	return new Date(sec * 1000).toISOString().slice(0, 10);
}

/** Epoch seconds of midnight UTC of a `YYYY-MM-DD` date. */
export function dateToSec(date: string): number {
	return Date.parse(date + 'T00:00:00Z') / 1000;
}

export function addDays(date: string, days: number): string {
	return isoDate(dateToSec(date) + days * 86400);
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
	return Math.round((dateToSec(b) - dateToSec(a)) / 86400);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isValidDate(value: string): boolean {
	const m = DATE_RE.exec(value);
	if (!m) return false;
	const d = new Date(value + 'T00:00:00Z');
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const DATETIME_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Parses an ISO 8601 date-time (with `Z` or an offset; a bare date means midnight UTC;
 * no zone means UTC) into epoch seconds (fractions dropped). Returns null when invalid.
 */
export function parseDateTime(value: string): number | null {
	if (!DATETIME_RE.test(value)) return null;
	let text = value.replace(' ', 'T');
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) text += 'T00:00:00Z';
	else if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text)) text += 'Z';
	text = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
	const ms = Date.parse(text);
	if (Number.isNaN(ms)) return null;
	if (!isValidDate(value.slice(0, 10))) return null;
	return Math.floor(ms / 1000);
}
