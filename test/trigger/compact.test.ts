/**
 * The compact row form of the trigger's roster (`poller/compact.ts`): exact round trips, refusal of damaged
 * text, and the size of the stored state at 100,000 watched records, the number README and architecture.md
 * quote. Sizes are deterministic (seeded ids), so they are checked here rather than in the bench.
 */
import { decodeRows, encodeRows } from '../../nodes/HarvestAppTrigger/poller/compact';
import { encodeValue, type FieldSpec } from '../../nodes/HarvestAppTrigger/poller/fieldChanges';
import { loadRoster, saveRoster, type Roster } from '../../nodes/HarvestAppTrigger/poller/roster';
import { Prng } from './prng';

describe('compact rows', () => {
	it('round-trips rows exactly, sorted by id, with large ids and values', () => {
		const rows = [
			[2_600_000_123, 20_150, 3],
			[5, 0, 0],
			[Number.MAX_SAFE_INTEGER, 1, 1_741_600_000],
			[6, 20_149, 1],
		];
		const encoded = encodeRows(rows, 3);
		expect(decodeRows(JSON.parse(JSON.stringify(encoded)))).toEqual([...rows].sort((a, b) => a[0] - b[0]));
		expect(decodeRows(encodeRows([], 3))).toEqual([]);
	});

	it('keeps a column whose rows all hold one value in the header only', () => {
		const rows = [
			[100, 0, 7],
			[103, 0, 9],
		];
		const encoded = encodeRows(rows, 3);
		expect(encoded.bases).toEqual([[0], 7]);
		expect(decodeRows(encoded)).toEqual(rows);
		expect(encoded.data.length).toBeLessThan(encodeRows([[100, 1, 7], [103, 0, 9]], 3).data.length);
	});

	it('round-trips random rows (seeded)', () => {
		const rng = new Prng(20_251_204);
		for (let run = 0; run < 50; run++) {
			const ids = new Set<number>();
			while (ids.size < rng.int(0, 300)) ids.add(rng.int(0, 2 ** 40));
			const rows = [...ids].map((id) => [id, rng.int(0, 1e6), rng.int(0, 3)]).sort((a, b) => a[0] - b[0]);
			expect(decodeRows(encodeRows(rows, 3))).toEqual(rows);
		}
	});

	it('refuses duplicate ids and rows of the wrong width when encoding', () => {
		expect(() => encodeRows([[1, 0], [1, 2]], 2)).toThrow(/distinct/);
		expect(() => encodeRows([[1, 0, 0]], 2)).toThrow(/columns/);
	});

	it('reads damaged or foreign text as nothing, so the trigger rebuilds its memory', () => {
		const good = encodeRows([[10, 1], [12, 2]], 2);
		expect(decodeRows({ ...good, data: good.data + '*' })).toBeUndefined();
		expect(decodeRows({ ...good, data: good.data.slice(0, -1) })).toBeUndefined();
		expect(decodeRows({ ...good, data: 'g' })).toBeUndefined(); // a number with its continuation bit and no end
		expect(decodeRows({ ...good, columns: 0 })).toBeUndefined();
		expect(decodeRows({ ...good, bases: [] })).toBeUndefined();
		expect(decodeRows({ ...good, bases: [[1, 2]] })).toBeUndefined();
		expect(decodeRows('rows')).toBeUndefined();
		expect(decodeRows(null)).toBeUndefined();
		expect(loadRoster({ fingerprint: 'f', checkedAt: null, polls: 0, pending: [], rows: { ...good, columns: 2 } }, 'f')).toBeUndefined();
		expect(loadRoster({ fingerprint: 'f', checkedAt: 'yesterday', polls: 0, pending: [], rows: encodeRows([], 3) }, 'f')).toBeUndefined();
		expect(loadRoster({ fingerprint: 'g', checkedAt: null, polls: 0, pending: [], rows: encodeRows([], 3) }, 'f')).toBeUndefined();
	});
});

describe('state size at 100,000 watched records', () => {
	const COUNT = 100_000;
	const invoiceState: FieldSpec = { name: 'state', kind: 'enum', values: ['closed', 'draft', 'open', 'paid'], initial: 'draft' };
	const paidAt: FieldSpec = { name: 'paid_at', kind: 'time', initial: null };

	/**
	 * Ids as one Harvest account sees them: a global sequence shared with every other account, so the account's
	 * own ids are spread out. `meanGap` is the average distance between two of its ids.
	 */
	function roster(seed: number, meanGap: number, row: (rng: Prng, index: number) => { day: number; value: number }): Roster {
		const rng = new Prng(seed);
		const result: Roster = { fingerprint: 'f', checkedAt: 1_741_600_000, polls: 0, pending: [], rows: new Map() };
		let id = 2_000_000_000;
		for (let i = 0; i < COUNT; i++) {
			id += 1 + rng.int(0, 2 * meanGap);
			result.rows.set(id, row(rng, i));
		}
		return result;
	}
	const size = (r: Roster) => JSON.stringify(saveRoster(r)).length;
	const report: Record<string, string> = {};
	afterAll(() => process.stdout.write(`trigger state at ${COUNT.toLocaleString('en')} records: ${JSON.stringify(report)}\n`));

	it('stays far below what n8n saves comfortably, and reads back to the same rows', () => {
		const cases: Array<[string, Roster, number]> = [
			// Deletions of time entries in a 90-day window: id + day.
			['deletions, time entries (ids 1 apart on average)', roster(1, 1, (rng) => ({ day: 20_100 + rng.int(0, 89), value: 0 })), 400_000],
			['deletions, time entries (ids 5,000 apart)', roster(2, 5_000, (rng) => ({ day: 20_100 + rng.int(0, 89), value: 0 })), 700_000],
			['deletions, clients (ids 50,000 apart)', roster(3, 50_000, () => ({ day: 0, value: 0 })), 500_000],
			['invoice state (ids 5,000 apart)', roster(4, 5_000, (rng) => ({ day: 0, value: encodeValue(invoiceState, rng.pick(['draft', 'open', 'paid', 'closed'])) as number })), 600_000],
			['invoice paid_at (ids 5,000 apart)', roster(5, 5_000, (rng) => ({ day: 0, value: encodeValue(paidAt, rng.chance(0.3) ? null : `2024-0${rng.int(1, 9)}-1${rng.int(0, 9)}T1${rng.int(0, 9)}:00:00Z`) as number })), 1_200_000],
		];
		for (const [name, r, bound] of cases) {
			const bytes = size(r);
			report[name] = `${(bytes / 1000).toFixed(0)} kB (${(bytes / COUNT).toFixed(1)} per record)`;
			expect({ name, bytes, withinBound: bytes <= bound }).toEqual({ name, bytes, withinBound: true });
			const stored = JSON.stringify(saveRoster(r));
			const back = loadRoster(JSON.parse(stored), 'f') as Roster;
			expect(back.rows.size).toBe(COUNT);
			expect(JSON.stringify(saveRoster(back))).toBe(stored);
			const someId = [...r.rows.keys()][COUNT >> 1];
			expect(back.rows.get(someId)).toEqual(r.rows.get(someId));
		}
	});
});
