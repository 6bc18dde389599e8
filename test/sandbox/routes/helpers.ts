import { randomBytes } from 'node:crypto';
import { unprocessable } from '../errors';
import type { Fields } from '../fields';
import type { Row } from '../model';
import type { Table } from '../table';

/** A row referenced from a request body; unknown ids are a 422 (the request is what is wrong). */
export function ref<T extends Row>(table: Table<T>, id: number, what: string): T {
	const row = table.get(id);
	if (!row) throw unprocessable(`${what} not found (id ${id})`);
	return row;
}

/** 422 "Name has already been taken" when another row already uses the value (case-insensitive). */
export function unique<T extends Row>(table: Table<T>, value: string, get: (row: T) => string, field = 'Name', exceptId?: number): void {
	const wanted = value.trim().toLowerCase();
	if (table.some((row) => row.id !== exceptId && get(row).trim().toLowerCase() === wanted)) {
		throw unprocessable(`${field} has already been taken`);
	}
}

export function randomHex(length: number): string {
	return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

/** ISO 4217-style code; Harvest accepts its list of supported currencies. */
export function currencyOf(b: Fields, name = 'currency'): string | undefined {
	const v = b.str(name);
	if (v === undefined || v === null) return undefined;
	if (!/^[A-Z]{3}$/.test(v)) throw unprocessable(`Currency is not included in the list`);
	return v;
}

export function nonNegative(value: number | null | undefined, field: string): void {
	if (typeof value === 'number' && value < 0) throw unprocessable(`${field} must be greater than or equal to 0`);
}
