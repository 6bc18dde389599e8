/**
 * Oracles for the randomized sandbox run (randomized.sandbox.test.ts) of the trigger's events "Deleted" (or
 * Report Deletions) and "Field Changed". They watch what the trigger is sent (every page and lookup, in order
 * with the writes) and what it reports:
 * - deletions: a reported id is gone from the sandbox and was sent to this watch as watched (no false
 *   deletion), never twice; at the end every record deleted while watched, after the watch was last sent it
 *   watched, is reported (none lost);
 * - field changes: an item is a real version (its `current` is the field's value at the end of its second),
 *   never a change to itself, never twice; with "any change" each item's `previous` is the last `current` of its
 *   record (or its value at activation, or Harvest's initial value for records created later); at the end the
 *   last reported value is the record's final one, and a "to" watch reported every record that ended in its value.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { parseHarvestTime } from '../../nodes/HarvestAppTrigger/poller/time';

export interface DeletionWatch {
	name: string;
	params: IDataObject;
	staticData: IDataObject;
	/** The list key in Harvest's answers ("time_entries", "clients"). */
	listKey: string;
	/** Whether a record, as sent, is in this watch. */
	watched: (record: IDataObject) => boolean;
	/** When (in moments) each record was last sent to this watch as watched. */
	seen: Map<number, number>;
	reported: Set<number>;
	polls: number;
	requests: number;
	/** Other items the watch reports (New or Updated beside Report Deletions), checked elsewhere. */
	otherItems: number;
}

export interface FieldWatchOracle {
	name: string;
	params: IDataObject;
	staticData: IDataObject;
	field: string;
	to: string[];
	/** The field's value per record when the watch was activated. */
	baseline: Map<number, unknown>;
	/** Harvest's value for records created later. */
	initial: unknown;
	pairs: Set<string>;
	last: Map<number, unknown>;
	reportedTo: Set<number>;
	polls: number;
	requests: number;
	transitions: number;
}

/** Orders the run's writes and what the watches are sent, which can share a second of the server clock. */
export class Moments {
	private now = 0;
	next(): number {
		return ++this.now;
	}
}

/** The records in one answer of Harvest (a page of a list, or one record). */
export function recordsOf(response: unknown, listKey: string): IDataObject[] {
	const raw = (response as IDataObject | undefined)?.body;
	const body = (typeof raw === 'string' || Buffer.isBuffer(raw) ? JSON.parse(raw.toString()) : raw) as IDataObject | undefined;
	if (!body || typeof body !== 'object') return [];
	const list = body[listKey];
	if (Array.isArray(list)) return list as IDataObject[];
	return typeof body.id === 'number' ? [body] : [];
}

export function noteSent(watch: DeletionWatch, records: readonly IDataObject[], moments: Moments): void {
	for (const record of records) if (watch.watched(record)) watch.seen.set(Number(record.id), moments.next());
}

export function checkDeletionItems(
	seed: number,
	watch: DeletionWatch,
	items: readonly INodeExecutionData[],
	exists: (id: number) => boolean,
): void {
	for (const { json } of items) {
		if (json.event !== 'deleted') {
			watch.otherItems++;
			continue;
		}
		const id = Number(json.id);
		if (exists(id)) throw new Error(`seed ${seed}: ${watch.name}: ${id} reported deleted but it exists (false deletion)`);
		if (!watch.seen.has(id)) throw new Error(`seed ${seed}: ${watch.name}: ${id} reported deleted but was never sent to the watch`);
		if (watch.reported.has(id)) throw new Error(`seed ${seed}: ${watch.name}: deletion of ${id} reported twice`);
		const lastSeen = json.last_seen as IDataObject | null;
		if (lastSeen !== null && Number(lastSeen.id) !== id) throw new Error(`seed ${seed}: ${watch.name}: last_seen of ${id} is record ${String(lastSeen.id)}`);
		watch.reported.add(id);
	}
}

/**
 * At the end: each record deleted while watched, and sent to the watch as watched after it last left the watch,
 * was reported. `deletions` holds every deletion of the run: id → moment, and whether it was watched then.
 */
export function checkNoDeletionLost(
	seed: number,
	watch: DeletionWatch,
	deletions: ReadonlyMap<number, { at: number; watched: boolean; leftAt?: number }>,
): number {
	let mustReport = 0;
	for (const [id, { at, watched, leftAt }] of deletions) {
		const seen = watch.seen.get(id);
		if (!watched || seen === undefined || seen > at || seen < (leftAt ?? 0)) continue;
		mustReport++;
		if (!watch.reported.has(id)) throw new Error(`seed ${seed}: ${watch.name}: deletion of ${id} never reported`);
	}
	return mustReport;
}

/** `history` holds every write of the field per record: [updated_at, value], in the order written. */
export function checkFieldItems(
	seed: number,
	watch: FieldWatchOracle,
	items: readonly INodeExecutionData[],
	history: ReadonlyMap<number, Array<[number, unknown]>>,
): void {
	for (const { json } of items) {
		const id = Number(json.id);
		const u = parseHarvestTime(json.updated_at) as number;
		const pair = `${id}@${u}`;
		const fail = (what: string): never => {
			throw new Error(`seed ${seed}: ${watch.name}: ${pair} ${what}`);
		};
		if (json.event !== 'changed' || json.field !== watch.field) fail(`is no change of ${watch.field}`);
		if (watch.pairs.has(pair)) fail('reported twice');
		watch.pairs.add(pair);
		const ofSecond = (history.get(id) ?? []).filter(([at]) => at === u);
		if (ofSecond.length === 0 || ofSecond[ofSecond.length - 1][1] !== json.current) {
			fail(`reported ${String(json.current)}; that second ended as ${String(ofSecond.at(-1)?.[1])}`);
		}
		if (json[watch.field] !== json.current) fail('has a current value other than its record');
		if (json.previous === json.current) fail(`reported a change from ${String(json.previous)} to itself`);
		if (watch.to.length && !watch.to.includes(String(json.current))) fail(`changed to ${String(json.current)}, not asked for`);
		if (watch.to.length === 0) {
			const before = watch.last.has(id) ? watch.last.get(id) : watch.baseline.has(id) ? watch.baseline.get(id) : watch.initial;
			if (json.previous !== before) fail(`previous ${String(json.previous)}, expected ${String(before)}`);
		}
		watch.last.set(id, json.current);
		if (watch.to.includes(String(json.current))) watch.reportedTo.add(id);
		watch.transitions++;
	}
}

/** At the end: the last reported value of each record still there is its final value (or it never changed). */
export function checkFinalValues(seed: number, watch: FieldWatchOracle, finals: ReadonlyMap<number, unknown>): void {
	for (const [id, final] of finals) {
		const start = watch.baseline.has(id) ? watch.baseline.get(id) : watch.initial;
		if (watch.to.length === 0) {
			const last = watch.last.has(id) ? watch.last.get(id) : start;
			if (last !== final) throw new Error(`seed ${seed}: ${watch.name}: ${id} ends ${String(final)}, last reported ${String(last)}`);
		} else if (watch.to.includes(String(final)) && !watch.to.includes(String(start)) && !watch.reportedTo.has(id)) {
			throw new Error(`seed ${seed}: ${watch.name}: ${id} ended ${String(final)} and was never reported`);
		}
	}
}
