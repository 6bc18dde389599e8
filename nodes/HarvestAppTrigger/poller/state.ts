import { formatHarvestTime, parseHarvestTime } from './time';

export const STATE_VERSION = 1;

/**
 * Everything the trigger remembers between polls. It lives in the workflow's static data only (so any queue-mode
 * worker can run the next poll) and holds server times only.
 *
 * - `cursor`: the watermark. Every matching change whose ordering key (created_at for a creation, updated_at
 *   for an update) is older than it has been emitted. Changes whose second may not be over yet are not emitted,
 *   so the watermark stays at or below their keys.
 * - `horizon`: `seen` holds every emitted version whose updated_at is at or after it, and no read looks below
 *   it. It trails the cursor by the overlap and never moves back.
 * - `floor`: where watching started. Nothing created (for "created") or updated (for "updated") before it is
 *   reported. Null when the user asked for existing records too.
 * - `seen`: the latest emitted `[id, updated_at]` per record, pruned to the horizon. Bounded by the changes in
 *   one overlap window (plus a carried-over backlog, or the changes since a creation that is still held back
 *   because its record keeps changing), never by the account's history.
 * - `fingerprint`: what is watched (resource, event, filters, start). A different one means start afresh.
 */
export interface WatchState {
	version: typeof STATE_VERSION;
	fingerprint: string;
	cursor: string | null;
	horizon: string | null;
	floor: string | null;
	seen: Array<[number, string]>;
}

/** The same state with times as epoch seconds; -Infinity stands for "the beginning". */
export interface WorkingState {
	fingerprint: string;
	cursor: number;
	horizon: number;
	floor: number;
	seen: Map<number, number>;
}

export type StartPoint =
	| { kind: 'now'; serverTime: number }
	| { kind: 'date'; time: number }
	| { kind: 'everything' };

/** A canonical string for what is being watched: key order and `undefined`/empty values do not matter. */
export function fingerprintOf(value: unknown): string {
	return JSON.stringify(canonical(value)) ?? '';
}

function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) {
			const entry = (value as Record<string, unknown>)[key];
			if (entry === undefined || entry === '' || entry === null) continue;
			out[key] = canonical(entry);
		}
		return out;
	}
	return value;
}

/** The state to begin with; "now" starts at the server's current time, so the first poll reports nothing old. */
export function startState(fingerprint: string, start: StartPoint): WatchState {
	const time = start.kind === 'now' ? start.serverTime : start.kind === 'date' ? start.time : undefined;
	const at = time === undefined ? null : formatHarvestTime(time);
	return { version: STATE_VERSION, fingerprint, cursor: at, horizon: null, floor: at, seen: [] };
}

/**
 * The stored state if it is ours, intact and for the same watch; otherwise undefined (and the caller starts
 * afresh). Static data is user-visible and survives upgrades, so nothing in it is trusted blindly.
 */
export function loadState(raw: unknown, fingerprint: string): WatchState | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const state = raw as Partial<WatchState>;
	if (state.version !== STATE_VERSION || state.fingerprint !== fingerprint) return undefined;
	const timeOrNull = (value: unknown) => value === null || parseHarvestTime(value) !== undefined;
	if (!timeOrNull(state.cursor) || !timeOrNull(state.horizon) || !timeOrNull(state.floor)) return undefined;
	if (!Array.isArray(state.seen)) return undefined;
	const seenValid = state.seen.every(
		(entry) =>
			Array.isArray(entry) &&
			entry.length === 2 &&
			Number.isFinite(entry[0]) &&
			parseHarvestTime(entry[1]) !== undefined,
	);
	return seenValid ? (state as WatchState) : undefined;
}

const BEGINNING = Number.NEGATIVE_INFINITY;

export function toWorking(state: WatchState): WorkingState {
	const time = (value: string | null) => (value === null ? BEGINNING : (parseHarvestTime(value) ?? BEGINNING));
	const seen = new Map<number, number>();
	for (const [id, updatedAt] of state.seen) {
		const at = parseHarvestTime(updatedAt);
		if (at !== undefined && at > (seen.get(id) ?? BEGINNING)) seen.set(id, at);
	}
	return {
		fingerprint: state.fingerprint,
		cursor: time(state.cursor),
		horizon: time(state.horizon),
		floor: time(state.floor),
		seen,
	};
}

export function fromWorking(working: WorkingState): WatchState {
	const time = (value: number) => (Number.isFinite(value) ? formatHarvestTime(value) : null);
	// Sorted so the stored state is deterministic and easy to read when someone inspects static data.
	const seen = [...working.seen.entries()]
		.sort((a, b) => a[1] - b[1] || a[0] - b[0])
		.map(([id, at]): [number, string] => [id, formatHarvestTime(at)]);
	return {
		version: STATE_VERSION,
		fingerprint: working.fingerprint,
		cursor: time(working.cursor),
		horizon: time(working.horizon),
		floor: time(working.floor),
		seen,
	};
}
