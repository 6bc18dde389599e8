/**
 * The poller's view of Harvest (`PollIO`) over the in-memory list of fakeHarvest.ts, for the cycle's unit and
 * property tests. Pages are offsets into the list's current order (newest id first), computed when each page is
 * asked for, so a record deleted between two pages shifts the later ones exactly as Harvest's page-numbered
 * lists do. Query filters: `updated_since`, `from` (on `spent_date`) and any field of the record (`is_active`).
 */
import type { CycleConfig, PollIO, Query, Read } from '../../nodes/HarvestAppTrigger/poller/cycle';
import type { HarvestRecordLike } from '../../nodes/HarvestAppTrigger/poller/plan';
import type { FakeHarvest, WireRecord } from './fakeHarvest';

export interface FakeIOOptions {
	/** Records per page (Harvest: up to 2000). */
	pageSize?: number;
	/** Runs before each page after the first of a listing or read, to change the data mid-read. */
	betweenPages?: (page: number, kind: 'read' | 'list') => void;
	/** Whether Harvest can look a record up by id (the assignments cannot). */
	lookups?: boolean;
	/** Sees every record the poller is sent, at the moment it is sent (before the next page is made). */
	observe?: (record: WireRecord) => void;
}

export interface FakeIO extends PollIO<WireRecord> {
	requests: Array<{ kind: 'read' | 'list' | 'lookup'; qs?: Query; id?: number }>;
}

function matchesQuery(record: WireRecord, qs: Query): boolean {
	for (const [name, value] of Object.entries(qs)) {
		if (name === 'updated_since' || name === 'per_page') continue;
		if (name === 'from') {
			if (typeof record.spent_date !== 'string' || record.spent_date < String(value)) return false;
			continue;
		}
		if (record[name] !== value) return false;
	}
	return true;
}

export function fakeIO(server: FakeHarvest, options: FakeIOOptions = {}): FakeIO {
	const size = options.pageSize ?? 2000;
	const requests: FakeIO['requests'] = [];
	const current = (qs: Query) =>
		server
			.read(typeof qs.updated_since === 'string' ? qs.updated_since : undefined)
			.filter((record) => matchesQuery(record, qs))
			.sort((a, b) => b.id - a.id);

	async function pages(kind: 'read' | 'list', qs: Query, limit: number | undefined, onPage: (records: WireRecord[], total: number) => void) {
		const serverTime = server.now;
		for (let page = 0; ; page++) {
			if (page > 0) options.betweenPages?.(page, kind);
			requests.push({ kind, qs });
			const all = current(qs);
			const wanted = limit === undefined ? size : Math.min(size, limit - page * size);
			const records = all.slice(page * size, page * size + wanted);
			if (options.observe) records.forEach(options.observe);
			onPage(records, all.length);
			if (records.length < size || (page + 1) * size >= all.length || (limit !== undefined && (page + 1) * size >= limit)) break;
		}
		return serverTime;
	}

	return {
		requests,
		read: async (qs, limit) => {
			const read: Read<WireRecord> = { pages: [] };
			read.serverTime = await pages('read', qs, limit, (records, totalEntries) => read.pages.push({ records, totalEntries }));
			return read;
		},
		list: async (qs, visit) => {
			const read: Read<HarvestRecordLike> = { pages: [] };
			read.serverTime = await pages('list', qs, undefined, (records, totalEntries) => {
				records.forEach(visit);
				read.pages.push({ records: records.map(({ id, updated_at }) => ({ id, updated_at })), totalEntries });
			});
			return read;
		},
		lookup:
			options.lookups === false
				? undefined
				: async (id) => {
						requests.push({ kind: 'lookup', id });
						const record = server.records.find((candidate) => candidate.id === id);
						const version = record && server.exists(record) ? server.visibleVersion(record) : undefined;
						const found = record && version ? server.wire(record, version) : undefined;
						if (found) options.observe?.(found);
						return found;
					},
	};
}

/** A poll configuration for the tests: "New or Updated" from now, limit 50, no filters, unless overridden. */
export function cycleConfig(over: Partial<CycleConfig<WireRecord>> = {}): CycleConfig<WireRecord> {
	return {
		fingerprint: 'watch',
		event: 'newOrUpdated',
		limit: 50,
		overlapSeconds: 60,
		start: { kind: 'now' },
		changeQs: {},
		matches: () => true,
		...over,
	};
}
