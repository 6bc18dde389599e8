/**
 * Compact text forms for sets of ids and for "id → number" maps, so that the trigger can remember every record it
 * watches in static data (which n8n stores as JSON with the workflow). Ids are sorted and stored as the gaps
 * between them; gaps and values are variable-length numbers in base64url digits (5 bits of data per digit, the
 * 6th bit says "more digits follow"), a map's values as the change from the previous one. 100,000 ids of one
 * Harvest account (gaps of a few thousand, as ids are shared by all accounts) take about 0.3 MB as a set, against
 * 1 MB as a JSON array (measured in test/trigger/poller.events.test.ts). Pure; no I/O.
 */

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT_VALUE = new Map([...DIGITS].map((digit, value) => [digit, value]));
/** Marks the format (a map, a set), so that a change of it can be recognised later. */
const FORMAT = '1';
const SET_FORMAT = 's';

function writeNumber(out: string[], value: number): void {
	let rest = value;
	do {
		const low = rest % 32;
		rest = Math.floor(rest / 32);
		out.push(DIGITS[rest > 0 ? low + 32 : low]);
	} while (rest > 0);
}

/** Zig-zag: small negative and positive numbers both become small non-negative ones. */
const zig = (value: number) => (value >= 0 ? value * 2 : -value * 2 - 1);
const unzig = (value: number) => (value % 2 === 0 ? value / 2 : -(value + 1) / 2);

/** The map as text; ids must be non-negative safe integers, values safe integers. */
export function encodeIdMap(map: ReadonlyMap<number, number>): string {
	const ids = [...map.keys()].sort((a, b) => a - b);
	const out: string[] = [FORMAT];
	let previousId = 0;
	let previousValue = 0;
	for (const id of ids) {
		if (!Number.isSafeInteger(id) || id < 0) throw new Error(`cannot store id ${id}`);
		const value = map.get(id) ?? 0;
		writeNumber(out, id - previousId);
		writeNumber(out, zig(value - previousValue));
		previousId = id;
		previousValue = value;
	}
	return out.join('');
}

/** The map back from its text, or undefined when the text is not one (then the caller starts afresh). */
export function decodeIdMap(text: unknown): Map<number, number> | undefined {
	if (typeof text !== 'string' || text[0] !== FORMAT) return undefined;
	const map = new Map<number, number>();
	let position = 1;
	const readNumber = (): number | undefined => {
		let value = 0;
		let scale = 1;
		for (;;) {
			if (position >= text.length) return undefined;
			const digit = DIGIT_VALUE.get(text[position++]);
			if (digit === undefined) return undefined;
			value += (digit % 32) * scale;
			scale *= 32;
			if (digit < 32) return value;
			if (scale > Number.MAX_SAFE_INTEGER) return undefined;
		}
	};
	let id = 0;
	let value = 0;
	while (position < text.length) {
		const gap = readNumber();
		const delta = readNumber();
		if (gap === undefined || delta === undefined) return undefined;
		if (map.size > 0 && gap === 0) return undefined;
		id += gap;
		value += unzig(delta);
		map.set(id, value);
	}
	return map;
}

/** A set of ids as text (ids only: gaps between sorted ids). */
export function encodeIdSet(ids: Iterable<number>): string {
	const sorted = [...new Set(ids)].sort((a, b) => a - b);
	const out: string[] = [SET_FORMAT];
	let previous = 0;
	for (const id of sorted) {
		if (!Number.isSafeInteger(id) || id < 0) throw new Error(`cannot store id ${id}`);
		writeNumber(out, id - previous);
		previous = id;
	}
	return out.join('');
}

/** The set back from its text, or undefined when the text is not one. */
export function decodeIdSet(text: unknown): Set<number> | undefined {
	if (typeof text !== 'string' || text[0] !== SET_FORMAT) return undefined;
	const ids = new Set<number>();
	let id = 0;
	let value = 0;
	let scale = 1;
	for (let position = 1; position < text.length; position++) {
		const digit = DIGIT_VALUE.get(text[position]);
		if (digit === undefined) return undefined;
		value += (digit % 32) * scale;
		scale *= 32;
		if (digit >= 32) {
			if (scale > Number.MAX_SAFE_INTEGER) return undefined;
			continue;
		}
		if (ids.size > 0 && value === 0) return undefined;
		id += value;
		ids.add(id);
		value = 0;
		scale = 1;
	}
	return scale === 1 ? ids : undefined;
}
