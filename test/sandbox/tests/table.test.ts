import type { Row } from '../model';
import { Rng } from '../rng';
import { compareKeys, IdSequence, Table, type SortSpec } from '../table';

interface Item extends Row {
	day: string;
}

const spec: SortSpec<Item> = { names: ['day', 'created_at', 'id'], dirs: [-1, -1, -1], key: (r) => [r.day, r.created_at, r.id] };

function fullySorted(table: Table<Item>): Item[] {
	return table.all().sort((a, b) => compareKeys(spec.key(a), spec.key(b), spec.dirs));
}

test.each([1, 2, 3, 4, 5])('the incrementally kept list order always equals a full sort (seed %i)', (seed) => {
	const rng = new Rng(seed);
	const table = new Table<Item>('items', spec, new IdSequence(0, () => 1), () => undefined);
	const day = () => `2024-01-${String(rng.int(1, 9)).padStart(2, '0')}`;
	for (let i = 0; i < 50; i++) table.insert({ id: table.ids.next(), created_at: rng.int(0, 20), updated_at: 0, day: day() });
	table.sorted();
	for (let step = 0; step < 2000; step++) {
		const rows = table.all();
		const r = rng.next();
		if (r < 0.3 || rows.length < 5) table.insert({ id: table.ids.next(), created_at: rng.int(0, 20), updated_at: 0, day: day() });
		else if (r < 0.8) {
			const row = rng.pick(rows);
			// Some updates change the sort key, some do not, some throw half-way.
			table.update(row, (x) => {
				if (rng.chance(0.7)) x.day = day();
				x.updated_at = step;
			});
		} else table.delete(rng.pick(rows).id);
		if (step % 50 === 0) expect(table.sorted().map((x) => x.id)).toEqual(fullySorted(table).map((x) => x.id));
	}
	expect(table.sorted().map((x) => x.id)).toEqual(fullySorted(table).map((x) => x.id));
});

test('a mutation that throws still leaves the list in order', () => {
	const table = new Table<Item>('items', spec, new IdSequence(0, () => 1), () => undefined);
	for (let i = 0; i < 10; i++) table.insert({ id: table.ids.next(), created_at: i, updated_at: 0, day: '2024-01-05' });
	table.sorted();
	const victim = table.get(3) as Item;
	expect(() =>
		table.update(victim, (x) => {
			x.day = '2030-01-01';
			throw new Error('half-way');
		}),
	).toThrow('half-way');
	expect(table.sorted()[0].id).toBe(3);
	expect(table.sorted().map((x) => x.id)).toEqual(fullySorted(table).map((x) => x.id));
});
