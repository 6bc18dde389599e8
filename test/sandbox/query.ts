import { isValidDate, parseDateTime } from './clock';
import { unprocessable } from './errors';

/** Validating reader for query-string parameters; invalid values answer 422. */
export class Query {
	constructor(readonly params: URLSearchParams) {}

	has(name: string): boolean {
		const v = this.params.get(name);
		return v !== null && v !== '';
	}

	str(name: string): string | undefined {
		const v = this.params.get(name);
		return v === null || v === '' ? undefined : v;
	}

	int(name: string): number | undefined {
		const v = this.str(name);
		if (v === undefined) return undefined;
		if (!/^\d+$/.test(v)) throw unprocessable(`Invalid value for ${name}: "${v}" is not an integer`);
		return Number(v);
	}

	bool(name: string): boolean | undefined {
		const v = this.str(name);
		if (v === undefined) return undefined;
		if (v === 'true') return true;
		if (v === 'false') return false;
		throw unprocessable(`Invalid value for ${name}: "${v}" (use true or false)`);
	}

	/** `YYYY-MM-DD`; with `compact`, `YYYYMMDD` too (the reports' documented form). */
	date(name: string, compact = false): string | undefined {
		const v = this.str(name);
		if (v === undefined) return undefined;
		const text = compact && /^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6)}` : v;
		if (!isValidDate(text)) {
			throw unprocessable(`Invalid value for ${name}: "${v}" is not a date (use YYYY-MM-DD${compact ? ' or YYYYMMDD' : ''})`);
		}
		return text;
	}

	/** ISO 8601 date-time → epoch seconds. */
	dateTime(name: string): number | undefined {
		const v = this.str(name);
		if (v === undefined) return undefined;
		const sec = parseDateTime(v);
		if (sec === null) throw unprocessable(`Invalid value for ${name}: "${v}" is not an ISO 8601 date-time`);
		return sec;
	}

	oneOf(name: string, values: readonly string[]): string | undefined {
		const v = this.str(name);
		if (v === undefined) return undefined;
		if (!values.includes(v)) throw unprocessable(`Invalid value for ${name}: "${v}" (one of ${values.join(', ')})`);
		return v;
	}
}
