import { loadState } from './state';
import { parseHarvestTime } from './time';

/**
 * Where a watch began, when the scheduler threw the beginning away.
 *
 * A watch that starts "now" reports nothing on its first poll: it only stores where it began. n8n's durable
 * scheduler with durable poll cursors (2.36+) keeps a poll's state only when the poll is one of its scheduled
 * ticks; the poll it runs at activation to check the trigger is not, so a beginning stored there is dropped, and
 * the first scheduled tick would begin again, later: every change in between would be lost (measured in queue
 * mode on n8n 2.41.1). So the poll that begins a watch also leaves the state it began with as an anchor beside
 * the node's state (in the workflow's global static data, which n8n saves when activation ends). A later poll
 * that finds no state of its own takes the anchor up and reads on from it; once a poll finds the node's state
 * saved, the anchor is dropped.
 *
 * An anchor is taken up only by a scheduled poll (`mayAdopt`), never by a poll that itself begins a watch at
 * activation: an anchor left by an earlier activation that never got to a scheduled poll is stale, and reading
 * on from it would report what changed while the workflow was off. And only when it is newer than the saved
 * state it would replace (a state of another watch, after the filters changed and changed back).
 */
export interface StartChoice {
	/** The state the poll begins from: the saved one, an anchor, or what was saved when neither fits. */
	stored: unknown;
	adopted: boolean;
	/** The anchors are of no further use (the node's own state is saved) or stale (a new beginning is due). */
	dropAnchors: boolean;
}

export function chooseStart(saved: unknown, anchors: readonly unknown[], fingerprint: string, mayAdopt: boolean): StartChoice {
	if (loadState(saved, fingerprint)) return { stored: saved, adopted: false, dropAnchors: true };
	if (!mayAdopt) return { stored: saved, adopted: false, dropAnchors: true };
	const savedCursor = cursorOf(saved);
	let best: { anchor: unknown; cursor: number } | undefined;
	for (const anchor of anchors) {
		const state = loadState(anchor, fingerprint);
		if (!state) continue;
		const cursor = cursorOf(state);
		if (cursor > savedCursor && (!best || cursor > best.cursor)) best = { anchor, cursor };
	}
	return best ? { stored: best.anchor, adopted: true, dropAnchors: false } : { stored: saved, adopted: false, dropAnchors: false };
}

/** The watermark of a stored state of any watch (epoch seconds); -Infinity when there is none. */
function cursorOf(state: unknown): number {
	const cursor = state && typeof state === 'object' ? (state as { cursor?: unknown }).cursor : undefined;
	return parseHarvestTime(cursor) ?? Number.NEGATIVE_INFINITY;
}
