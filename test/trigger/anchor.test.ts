/**
 * Which state a poll begins from when n8n's durable scheduler dropped the one the activation poll began with
 * (nodes/HarvestAppTrigger/poller/anchor.ts).
 */
import { chooseStart } from '../../nodes/HarvestAppTrigger/poller/anchor';
import { startState } from '../../nodes/HarvestAppTrigger/poller/state';

const WATCH = '{"event":"newOrUpdated","resource":"timeEntry","start":"now"}';
const OTHER = '{"event":"new","resource":"timeEntry","start":"now"}';
const T0 = Date.UTC(2026, 11, 4, 9, 0, 0) / 1000;
const began = (at: number, fingerprint = WATCH) => startState(fingerprint, { kind: 'now', serverTime: at });
/** A state that has read on past its beginning. */
const movedOn = (from: number, to: number, fingerprint = WATCH) => ({ ...began(from, fingerprint), cursor: began(to).cursor, horizon: began(to - 60).cursor });

describe('chooseStart', () => {
	it('keeps the saved state of this watch, whatever anchors there are, and drops them', () => {
		const saved = movedOn(T0, T0 + 300);
		expect(chooseStart(saved, [began(T0 + 100)], WATCH, true)).toEqual({ stored: saved, adopted: false, dropAnchors: true });
		expect(chooseStart(saved, [], WATCH, false)).toEqual({ stored: saved, adopted: false, dropAnchors: true });
	});

	it('a scheduled poll without a state reads on from the anchor the activation poll left', () => {
		const anchor = began(T0);
		expect(chooseStart(undefined, [anchor], WATCH, true)).toEqual({ stored: anchor, adopted: true, dropAnchors: false });
		expect(chooseStart({}, [anchor], WATCH, true)).toEqual({ stored: anchor, adopted: true, dropAnchors: false });
	});

	it('takes the newest of the saved and the in-process anchor', () => {
		const older = began(T0);
		const newer = began(T0 + 5);
		expect(chooseStart(undefined, [older, newer], WATCH, true).stored).toBe(newer);
		expect(chooseStart(undefined, [newer, older], WATCH, true).stored).toBe(newer);
	});

	it('a poll at activation never takes an anchor up (it may be from an earlier activation) and drops them', () => {
		expect(chooseStart(undefined, [began(T0)], WATCH, false)).toEqual({ stored: undefined, adopted: false, dropAnchors: true });
	});

	it('ignores anchors of another watch, broken ones, and ones older than the saved state they would replace', () => {
		expect(chooseStart(undefined, [began(T0, OTHER)], WATCH, true)).toEqual({ stored: undefined, adopted: false, dropAnchors: false });
		expect(chooseStart(undefined, [{ ...began(T0), cursor: 'yesterday' }, null, 'text', 42], WATCH, true).adopted).toBe(false);
		// Filters changed from this watch to another and back: the old anchor predates the other watch's state.
		const otherWatch = movedOn(T0 + 10, T0 + 900, OTHER);
		expect(chooseStart(otherWatch, [began(T0)], WATCH, true)).toEqual({ stored: otherWatch, adopted: false, dropAnchors: false });
		// An anchor newer than that state is the beginning the activation poll of this watch left.
		const fresh = began(T0 + 1000);
		expect(chooseStart(otherWatch, [began(T0), fresh], WATCH, true)).toEqual({ stored: fresh, adopted: true, dropAnchors: false });
	});
});
