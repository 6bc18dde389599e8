/**
 * An in-memory stand-in for one Harvest list, for the pure poller's property tests: records with
 * second-precision created_at/updated_at on a server clock, a `name` that every write changes (so a version is
 * told apart by its content, not only by its updated_at), writes that become visible late (as a slow
 * transaction would), and `updated_since` reads. The trigger's node-level tests use the real sandbox instead.
 */
import { formatHarvestTime } from '../../nodes/HarvestAppTrigger/poller/time';

export interface Version {
	updatedAt: number;
	visibleAt: number;
	/** Unique per write: the record's `name` while this version is current. */
	content: string;
	/** Other fields of this version (a `state`, `is_active`, a `spent_date`), as Harvest would send them. */
	fields?: Record<string, unknown>;
}

export interface FakeRecord {
	id: number;
	createdAt: number;
	versions: Version[];
	/** When the record was deleted (server time); it is gone from every read and lookup from then on. */
	deletedAt?: number;
}

export interface WireRecord {
	id: number;
	created_at: string;
	updated_at: string;
	name: string;
	[key: string]: unknown;
}

export class FakeHarvest {
	readonly records: FakeRecord[] = [];
	private nextId = 1000;
	private readonly wired = new WeakMap<Version, WireRecord>();

	constructor(
		public now: number,
		/** Whether `updated_since` includes its own second; Harvest does not say, so tests try both. */
		readonly inclusive = true,
	) {}

	create(delay = 0, fields?: Record<string, unknown>): FakeRecord {
		this.nextId += 1 + (this.nextId % 3);
		const id = this.nextId;
		const record = { id, createdAt: this.now, versions: [{ updatedAt: this.now, visibleAt: this.now + delay, content: `${id}.0`, fields }] };
		this.records.push(record);
		return record;
	}

	/** Row-level writes commit in order, so a version never becomes visible before the one it replaces. */
	update(record: FakeRecord, delay = 0, fields?: Record<string, unknown>): void {
		const last = record.versions[record.versions.length - 1];
		record.versions.push({
			updatedAt: this.now,
			visibleAt: Math.max(this.now + delay, last.visibleAt),
			content: `${record.id}.${record.versions.length}`,
			fields: { ...last.fields, ...fields },
		});
	}

	/** Deletes a record now: no read or lookup returns it any more. */
	delete(record: FakeRecord): void {
		record.deletedAt = this.now;
	}

	exists(record: FakeRecord): boolean {
		return record.deletedAt === undefined || record.deletedAt > this.now;
	}

	visibleVersion(record: FakeRecord, at = this.now): Version | undefined {
		let found: Version | undefined;
		for (const version of record.versions) if (version.visibleAt <= at) found = version;
		return found;
	}

	latest(record: FakeRecord): Version {
		return record.versions[record.versions.length - 1];
	}

	/** The version with this content (every write has its own). */
	version(record: FakeRecord, content: unknown): Version | undefined {
		return record.versions.find((version) => version.content === content);
	}

	/** A version as Harvest would send it; one object per version, since the poller only reads it. */
	wire(record: FakeRecord, version: Version): WireRecord {
		let wire = this.wired.get(version);
		if (!wire) {
			wire = {
				id: record.id,
				created_at: formatHarvestTime(record.createdAt),
				updated_at: formatHarvestTime(version.updatedAt),
				name: version.content,
				...version.fields,
			};
			this.wired.set(version, wire);
		}
		return wire;
	}

	/** What `GET /things?updated_since=…` returns right now (order does not matter to the poller). */
	read(updatedSince?: string): WireRecord[] {
		const since = updatedSince === undefined ? undefined : Date.parse(updatedSince) / 1000;
		const out: WireRecord[] = [];
		for (const record of this.records) {
			const version = this.visibleVersion(record);
			if (!version || !this.exists(record)) continue;
			if (since !== undefined && (this.inclusive ? version.updatedAt < since : version.updatedAt <= since)) continue;
			out.push(this.wire(record, version));
		}
		return out.reverse();
	}
}
