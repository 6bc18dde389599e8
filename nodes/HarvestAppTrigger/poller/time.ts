import { DateTime } from 'luxon';

/**
 * Harvest writes times as `2017-12-31T14:59:22Z` (whole seconds, UTC) and the HTTP `Date` header as
 * `Sun, 31 Dec 2017 14:59:22 GMT`. The poller works in whole epoch seconds of the server's clock; the host
 * clock is never consulted.
 */

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch seconds of a Harvest date-time, or undefined when the value is not one. */
export function parseHarvestTime(value: unknown): number | undefined {
	if (typeof value !== 'string' || !ISO_DATE_TIME.test(value.trim())) return undefined;
	const ms = Date.parse(value.trim());
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** Epoch seconds of an HTTP `Date` header (RFC 7231 form, or ISO as a fallback). */
export function parseHttpDate(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const ms = Date.parse(value.trim());
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/**
 * A start date from the node's date-time picker. Like n8n's own date parameters, a value without a zone is read
 * in the workflow's time zone; an explicit offset or `Z` wins.
 */
export function parseStartDate(value: unknown, zone = 'UTC'): number | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : Math.floor(value.getTime() / 1000);
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const parsed = DateTime.fromISO(value.trim().replace(' ', 'T'), { zone });
	return parsed.isValid ? Math.floor(parsed.toSeconds()) : undefined;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the form Harvest accepts for `updated_since`. */
export function formatHarvestTime(seconds: number): string {
	return new Date(seconds * 1000).toISOString().slice(0, 19) + 'Z';
}
