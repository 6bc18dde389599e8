/**
 * A compact text form for many small rows of whole numbers: `[id, a, b, …]` per record, every row with the same
 * number of columns. The trigger keeps one row per watched record (for deletions and field changes) in the
 * workflow's static data, which n8n stores as JSON, so the form must be short and plain text.
 *
 * Rows are sorted by id. Each number is written as a variable-length group of characters from the URL-safe
 * base64 alphabet, 5 bits per character, the sixth bit marking "more follows". Ids are written as the gap to
 * the previous id (ids of one account cluster, so gaps are small); each other column as its distance from the
 * column's smallest value, kept once in the header. A row of an id and one small value usually takes 3 to 5
 * characters; `test/trigger/compact.test.ts` measures 100,000 rows.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CODES = [...ALPHABET].map((char) => char.charCodeAt(0));
/** Character code → digit, -1 for characters outside the alphabet. */
const DIGITS = new Int8Array(128).fill(-1);
CODES.forEach((code, digit) => (DIGITS[code] = digit));
const MORE = 32;

export interface CompactRows {
	/** Columns per row, the id included. */
	columns: number;
	/**
	 * Per column after the id: its smallest value, or, for a column whose rows all hold the same value, that
	 * value as `[value]` and nothing in `data` (an undated list's day, a deletion watch's value).
	 */
	bases: Array<number | [number]>;
	data: string;
}

function writeNumber(out: number[], value: number): void {
	let rest = value;
	for (;;) {
		const low = rest % MORE;
		rest = Math.floor(rest / MORE);
		out.push(CODES[rest > 0 ? low + MORE : low]);
		if (rest === 0) return;
	}
}

function toText(codes: number[]): string {
	let text = '';
	for (let start = 0; start < codes.length; start += 8192) text += String.fromCharCode(...codes.slice(start, start + 8192));
	return text;
}

/** Rows as `[id, …values]`; ids must be distinct safe integers of 0 or more, values safe integers. */
export function encodeRows(rows: ReadonlyArray<readonly number[]>, columns: number): CompactRows {
	const sorted = [...rows].sort((a, b) => a[0] - b[0]);
	const bases: Array<number | [number]> = [];
	const written: number[] = [];
	for (let column = 1; column < columns; column++) {
		let min = Number.POSITIVE_INFINITY;
		let max = Number.NEGATIVE_INFINITY;
		for (const row of sorted) {
			min = Math.min(min, row[column]);
			max = Math.max(max, row[column]);
		}
		if (!Number.isFinite(min)) bases.push([0]);
		else if (min === max) bases.push([min]);
		else {
			bases.push(min);
			written.push(column);
		}
	}
	const out: number[] = [];
	let previous = -1;
	for (const row of sorted) {
		if (row.length !== columns) throw new Error(`A row has ${row.length} columns, not ${columns}`);
		if (row[0] <= previous) throw new Error(`Row ids must be distinct: ${row[0]} twice`);
		writeNumber(out, row[0] - previous - 1);
		previous = row[0];
		for (const column of written) writeNumber(out, row[column] - (bases[column - 1] as number));
	}
	return { columns, bases, data: toText(out) };
}

/** The rows of `encodeRows`, sorted by id; undefined when the text is not such a form (static data is editable). */
export function decodeRows(compact: unknown): number[][] | undefined {
	if (!compact || typeof compact !== 'object') return undefined;
	const { columns, bases, data } = compact as Partial<CompactRows>;
	if (!Number.isInteger(columns) || (columns as number) < 1 || typeof data !== 'string' || !Array.isArray(bases)) return undefined;
	const constant = (base: unknown) => Array.isArray(base) && base.length === 1 && Number.isSafeInteger(base[0]);
	if (bases.length !== (columns as number) - 1 || !bases.every((base) => Number.isSafeInteger(base) || constant(base))) return undefined;
	const written = bases.flatMap((base, index) => (Array.isArray(base) ? [] : [index + 1]));
	const width = 1 + written.length;
	const values: number[] = [];
	let value = 0;
	let scale = 1;
	for (let index = 0; index < data.length; index++) {
		const code = data.charCodeAt(index);
		const digit = code < 128 ? DIGITS[code] : -1;
		if (digit < 0) return undefined;
		value += (digit % MORE) * scale;
		if (digit >= MORE) {
			scale *= MORE;
			continue;
		}
		if (!Number.isSafeInteger(value)) return undefined;
		values.push(value);
		value = 0;
		scale = 1;
	}
	if (scale !== 1 || values.length % width !== 0) return undefined;
	const rows: number[][] = [];
	let previous = -1;
	for (let start = 0; start < values.length; start += width) {
		const id = previous + 1 + values[start];
		const row = [id];
		for (const base of bases) row.push(Array.isArray(base) ? base[0] : 0);
		written.forEach((column, offset) => (row[column] += values[start + 1 + offset] + (bases[column - 1] as number)));
		rows.push(row);
		previous = id;
	}
	return rows;
}
