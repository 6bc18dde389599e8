// The deploy tier's judge: which versions a trigger owed, and what counts as lost, repeated or wrong.
import { judge, versionKey, type Delivery, type Read, type Write } from './oracle';

const SECOND = 1000;
const T0 = 1_800_000_000 * SECOND;
const settle = { settleSeconds: 1 };

/** A write at `at` ms after T0 stamping that second. */
function write(id: number, atMs: number, content: string): Write {
	const at = T0 + atMs;
	return { id, updatedAt: Math.floor(at / SECOND), content, startedAt: at, doneAt: at + 5 };
}

function read(atMs: number, completed = true): Read {
	return { arrivedAt: T0 + atMs, answeredAt: T0 + atMs + 50, completed };
}

function delivered(w: Write, executionId = '1', content = w.content): Delivery {
	return { id: w.id, updatedAt: w.updatedAt, content, executionId };
}

describe('judge', () => {
	it('owes a version read by a completed poll once its second was over, and counts it delivered', () => {
		const a = write(1, 100, 'a1');
		const verdict = judge([a], [read(2_500), read(5_100)], [delivered(a)], settle);
		expect(verdict).toMatchObject({ versions: 1, owed: 1, delivered: 1, lost: [], repeated: [], wrongContent: [], unknown: [], unseen: 0 });
	});

	it('a version not yet settled at the only poll is not owed', () => {
		const a = write(1, 100, 'a1');
		// Read in second 1: S - 1 = 0 is not over for a version stamped in second 0.
		expect(judge([a], [read(1_200)], [], settle)).toMatchObject({ owed: 0, lost: [] });
		// Read in second 2: owed.
		expect(judge([a], [read(2_000)], [], settle).lost).toEqual([versionKey(1, a.updatedAt)]);
	});

	it('a poll killed before it handed its items on owes nothing; a later completed one does', () => {
		const a = write(1, 100, 'a1');
		expect(judge([a], [read(3_000, false)], [], settle).owed).toBe(0);
		expect(judge([a], [read(3_000, false), read(8_000)], [], settle).lost).toHaveLength(1);
	});

	it('a version replaced before any completed poll read it is unseen, not lost', () => {
		const a1 = write(1, 100, 'a1');
		const a2 = write(1, 4_100, 'a2');
		const verdict = judge([a1, a2], [read(3_000, false), read(7_000)], [delivered(a2)], settle);
		expect(verdict).toMatchObject({ versions: 2, owed: 1, lost: [], unseen: 1 });
	});

	it('a version replaced while the poll read was in flight is not owed by that poll', () => {
		const a1 = write(1, 100, 'a1');
		// The next write starts 20 ms after the read arrived, before its answer left.
		const a2 = write(1, 3_020, 'a2');
		expect(judge([a1, a2], [read(3_000)], [], settle).owed).toBe(0);
	});

	it('writes within one second are one version whose content is the last', () => {
		const first = write(1, 100, 'first');
		const last = write(1, 600, 'last');
		const verdict = judge([first, last], [read(2_500)], [delivered(last)], settle);
		expect(verdict).toMatchObject({ versions: 1, owed: 1, lost: [], wrongContent: [] });
		// An item with the earlier content of that second is wrong.
		expect(judge([first, last], [read(2_500)], [delivered(first)], settle).wrongContent).toEqual([versionKey(1, last.updatedAt)]);
	});

	it('counts repeats (owed or not) and items the test never wrote', () => {
		const a = write(1, 100, 'a1');
		const verdict = judge([a], [read(2_500)], [delivered(a, '1'), delivered(a, '2'), { id: 9, updatedAt: 5, content: 'x', executionId: '3' }], settle);
		expect(verdict.repeated).toEqual([{ key: versionKey(1, a.updatedAt), times: 2 }]);
		expect(verdict.unknown).toEqual(['9@5']);
		expect(verdict.lost).toEqual([]);
	});
});
