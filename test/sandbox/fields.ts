import { isValidDate } from './clock';
import { unprocessable } from './errors';

/** "client_id" → "Client", "first_name" → "First name": the way Harvest words field errors. */
export function label(field: string): string {
	const base = field.replace(/_ids?$/, '').replace(/_/g, ' ');
	return base.charAt(0).toUpperCase() + base.slice(1);
}

type Raw = Record<string, unknown>;

/**
 * Typed, validating access to a request body. Bodies can come from JSON (typed values) or from
 * form/multipart data (strings), so every reader accepts both and answers 422 on nonsense.
 * Readers return `undefined` when the field is absent and `null` when it was sent as null/empty.
 */
export class Fields {
	readonly raw: Raw;

	constructor(raw: unknown) {
		this.raw = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Raw) : {};
	}

	has(name: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.raw, name) && this.raw[name] !== undefined;
	}

	private value(name: string): unknown {
		return this.has(name) ? this.raw[name] : undefined;
	}

	str(name: string): string | null | undefined {
		const v = this.value(name);
		if (v === undefined || v === null) return v as undefined | null;
		if (typeof v === 'string') return v;
		if (typeof v === 'number' || typeof v === 'boolean') return String(v);
		throw unprocessable(`${label(name)} must be a string`);
	}

	int(name: string): number | null | undefined {
		const v = this.value(name);
		if (v === undefined || v === null || v === '') return v === '' ? null : (v as undefined | null);
		const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
		if (!Number.isInteger(n)) throw unprocessable(`${label(name)} must be an integer`);
		return n;
	}

	num(name: string): number | null | undefined {
		const v = this.value(name);
		if (v === undefined || v === null || v === '') return v === '' ? null : (v as undefined | null);
		const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
		if (!Number.isFinite(n)) throw unprocessable(`${label(name)} must be a number`);
		return n;
	}

	bool(name: string): boolean | null | undefined {
		const v = this.value(name);
		if (v === undefined || v === null || v === '') return v === '' ? null : (v as undefined | null);
		if (v === true || v === 'true' || v === '1' || v === 1) return true;
		if (v === false || v === 'false' || v === '0' || v === 0) return false;
		throw unprocessable(`${label(name)} must be true or false`);
	}

	date(name: string): string | null | undefined {
		const v = this.str(name);
		if (v === undefined || v === null || v === '') return v === '' ? null : v;
		if (!isValidDate(v)) throw unprocessable(`${label(name)} is not a valid date (expected YYYY-MM-DD)`);
		return v;
	}

	oneOf<T extends string>(name: string, values: readonly T[]): T | null | undefined {
		const v = this.str(name);
		if (v === undefined || v === null) return v;
		if (!values.includes(v as T)) throw unprocessable(`${label(name)} is not included in the list (${values.join(', ')})`);
		return v as T;
	}

	array(name: string): unknown[] | null | undefined {
		const v = this.value(name);
		if (v === undefined || v === null) return v as undefined | null;
		if (Array.isArray(v)) return v;
		// Form bodies send one-element lists as `name[]=x`, parsed to arrays already; a bare
		// object with numeric keys (`name[0][kind]=…`) is turned into a list here.
		if (typeof v === 'object') return Object.keys(v as Raw).sort((a, b) => Number(a) - Number(b)).map((k) => (v as Raw)[k]);
		if (v === '') return [];
		throw unprocessable(`${label(name)} must be an array`);
	}

	object(name: string): Fields | null | undefined {
		const v = this.value(name);
		if (v === undefined || v === null) return v as undefined | null;
		if (typeof v !== 'object' || Array.isArray(v)) throw unprocessable(`${label(name)} must be an object`);
		return new Fields(v);
	}

	/** Like `str` but 422 "X can't be blank" when absent, null or empty. */
	requireStr(name: string): string {
		const v = this.str(name);
		if (v === undefined || v === null || v.trim() === '') throw blank(name);
		return v;
	}

	requireInt(name: string): number {
		const v = this.int(name);
		if (v === undefined || v === null) throw blank(name);
		return v;
	}

	requireNum(name: string): number {
		const v = this.num(name);
		if (v === undefined || v === null) throw blank(name);
		return v;
	}

	requireBool(name: string): boolean {
		const v = this.bool(name);
		if (v === undefined || v === null) throw blank(name);
		return v;
	}

	requireDate(name: string): string {
		const v = this.date(name);
		if (v === undefined || v === null) throw blank(name);
		return v;
	}
}

export function blank(name: string): ReturnType<typeof unprocessable> {
	return unprocessable(`${label(name)} can't be blank`);
}

/** Copies every present field through its reader onto `target`; absent fields are left alone. */
export function assign<T extends object>(target: T, updates: Partial<T>): void {
	for (const [k, v] of Object.entries(updates)) {
		if (v !== undefined) (target as Record<string, unknown>)[k] = v;
	}
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
	return EMAIL_RE.test(value);
}
