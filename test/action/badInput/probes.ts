/**
 * Values to try in a field, by its editor type: bad ones that must be refused (naming the field, sending
 * nothing) and a valid one that must reach Harvest unchanged. Valid values come from a seeded generator so
 * that each run tries fresh ones and a printed seed replays it.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Rng } from '../../sandbox/rng';
import { byId, byUrl } from '../support';

export interface BadProbe {
	value: unknown;
	/** Short description for the report. */
	what: string;
}

const bad = (value: unknown, what = JSON.stringify(value)): BadProbe => ({ value, what });

/** Numbers that are not decimal numerals, and values that are not numbers at all. */
const NOT_NUMBERS = [bad('0x10'), bad('1e3'), bad('abc'), bad('12abc'), bad('Infinity'), bad(true), bad({}), bad([3])];
/** Dates and times with junk after them, impossible ones, extended years, and values that are not text. */
const NOT_DATES = [
	bad('2026-02-28 DROP'),
	bad('2026-02-28T25:99:99Z'),
	bad('+020260-01-01'),
	bad('2026-02-30'),
	bad('next tuesday'),
	bad({}),
	bad(20260228),
];
const NOT_BOOLEANS = [bad('yes'), bad(1), bad('TRUE'), bad('false '), bad({})];
// A list of objects is neither text nor a list of texts (fields such as Roles take the latter).
const NOT_TEXT = [bad({ a: 'b' }), bad([{}]), bad({})];
const NOT_IDS = [
	bad(byId('abc')),
	bad(byId('-3')),
	bad(byId('0')),
	bad(byId('1.5')),
	bad(byId('0x10')),
	bad(byUrl('https://evil.example.com/clients/12'), 'a URL of another site'),
	bad({ a: 1 }),
	bad('12; DROP'),
];
const NOT_OPTIONS = [bad('__not_an_option__'), bad({}), bad(7)];
const NOT_JSON = [bad('{bad'), bad('[]'), bad('5'), bad('null')];
const NOT_COLLECTIONS = [bad('abc'), bad(5), bad([1])];

/** Bad values for a field of this editor type. */
export function badProbes(property: INodeProperties): BadProbe[] {
	switch (property.type) {
		case 'number':
			return NOT_NUMBERS;
		case 'dateTime':
			return NOT_DATES;
		case 'boolean':
			return NOT_BOOLEANS;
		case 'string':
			return NOT_TEXT;
		case 'resourceLocator':
			return NOT_IDS;
		case 'options': {
			const method = String(property.typeOptions?.loadOptionsMethod ?? '');
			// Loaded options are Harvest ids, except item kinds, which are names (any text Harvest knows).
			if (/Kinds$/.test(method)) return [bad({}), bad(['x'])];
			return method ? [bad('abc'), bad({}), bad('12; DROP')] : NOT_OPTIONS;
		}
		case 'multiOptions':
			return property.typeOptions?.loadOptionsMethod ? [bad(['abc']), bad({})] : [bad(['__not_an_option__']), bad({})];
		case 'json':
			return NOT_JSON;
		case 'collection':
		case 'fixedCollection':
			return NOT_COLLECTIONS;
		default:
			return [];
	}
}

export interface ValidProbe {
	/** What goes into the parameter. */
	value: unknown;
	/** What Harvest must receive for it somewhere in the request (URL path, query or body). */
	sent: unknown;
}

/**
 * A valid value for the field and what must arrive at Harvest, or undefined where the generic check does
 * not apply (collections, and text with a format of its own that the sample filler chose).
 */
export function validProbe(property: INodeProperties, sample: unknown, rng: Rng): ValidProbe | undefined {
	switch (property.type) {
		case 'number': {
			const n = rng.int(2, 49);
			// Typed text and a JSON number from an expression are the same number.
			return { value: rng.chance(0.5) ? String(n) : n, sent: n };
		}
		case 'dateTime': {
			// The filled date moved by 0 days: ranges (From ≤ To, 365 days at most) stay valid, and a typed date
			// without a time must arrive as that date.
			const date = String(sample ?? '').slice(0, 10);
			return /^\d{4}-\d{2}-\d{2}$/.test(date) ? { value: date, sent: date } : undefined;
		}
		case 'boolean': {
			const value = sample !== true;
			return { value: rng.chance(0.5) ? value : String(value), sent: value };
		}
		case 'string': {
			if (sample !== 'Sample') return undefined;
			const text = `Probe ${rng.int(1000, 9999)} — “quoted”, ümlaut & <tag>`;
			return { value: text, sent: text };
		}
		case 'resourceLocator': {
			const id = rng.int(100000, 999999);
			return { value: byId(id), sent: id };
		}
		case 'options': {
			if (property.typeOptions?.loadOptionsMethod) return undefined;
			const options = (property.options ?? []) as INodePropertyOptions[];
			const option = rng.pick(options);
			return option ? { value: option.value, sent: option.value } : undefined;
		}
		default:
			return undefined;
	}
}
