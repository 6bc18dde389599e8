import type { Row } from './model';

export type KeyPart = string | number;
export type SortKey = KeyPart[];

/**
 * A list order: the named key parts (the last one is always `id`) and their directions.
 * The order is total, so a key identifies one position — the basis of keyset cursors.
 */
export interface SortSpec<T> {
	names: readonly string[];
	dirs: ReadonlyArray<1 | -1>;
	key(row: T): SortKey;
}

export function compareKeys(a: SortKey, b: SortKey, dirs: ReadonlyArray<1 | -1>): number {
	for (let i = 0; i < a.length; i++) {
		if (a[i] !== b[i]) return (a[i] < b[i] ? -1 : 1) * dirs[i];
	}
	return 0;
}

/** Newest first: Harvest's default list order. */
export function createdDesc<T extends Row>(): SortSpec<T> {
	return { names: ['created_at', 'id'], dirs: [-1, -1], key: (r) => [r.created_at, r.id] };
}

/** Index of the first element whose key sorts after `key` (binary search). */
export function firstAfter<T>(rows: readonly T[], key: SortKey, spec: SortSpec<T>): number {
	let lo = 0;
	let hi = rows.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (compareKeys(spec.key(rows[mid]), key, spec.dirs) <= 0) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Hands out increasing ids with small random gaps, like a shared production sequence. */
export class IdSequence {
	constructor(
		private last: number,
		private readonly gap: () => number,
	) {}

	next(): number {
		this.last += this.gap();
		return this.last;
	}

	/** Makes sure future ids are above `id` (used when rows are inserted with explicit ids). */
	bump(id: number): void {
		if (id > this.last) this.last = id;
	}
}

/**
 * One resource's rows: a Map by id plus one lazily built view in the list order, kept sorted
 * incrementally on insert/update/delete so that a 100k-row list never needs a full re-sort.
 */
export class Table<T extends Row> {
	private readonly rows = new Map<number, T>();
	private view: T[] | null = null;
	/** Bumped on every write; caches compare it. */
	version = 0;

	constructor(
		readonly name: string,
		readonly spec: SortSpec<T>,
		readonly ids: IdSequence,
		private readonly onWrite: () => void,
	) {}

	get size(): number {
		return this.rows.size;
	}

	get(id: number): T | undefined {
		return this.rows.get(id);
	}

	values(): IterableIterator<T> {
		return this.rows.values();
	}

	all(): T[] {
		return Array.from(this.rows.values());
	}

	find(predicate: (row: T) => boolean): T | undefined {
		for (const row of this.rows.values()) if (predicate(row)) return row;
		return undefined;
	}

	filter(predicate: (row: T) => boolean): T[] {
		const out: T[] = [];
		for (const row of this.rows.values()) if (predicate(row)) out.push(row);
		return out;
	}

	some(predicate: (row: T) => boolean): boolean {
		return this.find(predicate) !== undefined;
	}

	/** Rows in list order. Do not mutate the returned array. */
	sorted(): readonly T[] {
		if (!this.view) {
			const keyed = Array.from(this.rows.values(), (row) => ({ row, key: this.spec.key(row) }));
			keyed.sort((a, b) => compareKeys(a.key, b.key, this.spec.dirs));
			this.view = keyed.map((k) => k.row);
		}
		return this.view;
	}

	insert(row: T): T {
		if (this.rows.has(row.id)) throw new Error(`${this.name}: duplicate id ${row.id}`);
		this.ids.bump(row.id);
		this.rows.set(row.id, row);
		if (this.view) this.view.splice(this.position(this.spec.key(row)), 0, row);
		this.touched();
		return row;
	}

	/** Applies `mutate` to a stored row, keeping the sorted view in order. */
	update(row: T, mutate: (row: T) => void): T {
		const before = this.view ? this.spec.key(row) : null;
		// Locate the row while the view is still consistent with its current key.
		const index = before ? this.indexOf(row, before) : -1;
		try {
			mutate(row);
		} finally {
			// Even a mutation that throws half-way must leave the view in order.
			if (this.view && before) {
				const after = this.spec.key(row);
				if (compareKeys(before, after, this.spec.dirs) !== 0) {
					this.view.splice(index, 1);
					this.view.splice(this.position(after), 0, row);
				}
			}
			this.touched();
		}
		return row;
	}

	delete(id: number): T | undefined {
		const row = this.rows.get(id);
		if (!row) return undefined;
		if (this.view) this.view.splice(this.indexOf(row, this.spec.key(row)), 1);
		this.rows.delete(id);
		this.touched();
		return row;
	}

	clear(): void {
		this.rows.clear();
		this.view = null;
		this.touched();
	}

	private touched(): void {
		this.version++;
		this.onWrite();
	}

	/** Insertion point for a key (after equal keys — keys are unique anyway). */
	private position(key: SortKey): number {
		return firstAfter(this.view as T[], key, this.spec);
	}

	private indexOf(row: T, key: SortKey): number {
		const idx = this.position(key) - 1;
		if (idx < 0 || (this.view as T[])[idx] !== row) throw new Error(`${this.name}: sorted view out of sync`);
		return idx;
	}
}
