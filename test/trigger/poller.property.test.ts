/**
 * Randomized properties of the pure poller against an in-memory list (fakeHarvest.ts): many seeds, each a run of
 * creates and updates (several per second, some landing late), polls with random limits and overlaps, reads
 * that miss records and say so, and both boundary readings of `updated_since`. Every write gives the record a new
 * `name`, so the checks compare content, not only updated_at: an emitted version must be the last of its second
 * (unless a later save of that second landed later than SETTLE_SECONDS covers, the documented limit), and the last
 * emitted version of a record must be its final one. Under CI the seeds are fixed; locally they are random.
 * Set TRIGGER_PROPERTY_SEED to replay one seed.
 */
import { assessPages } from '../../nodes/HarvestAppTrigger/poller/pages';
import { plan, readWindow, SETTLE_SECONDS, type Emission, type WatchEvent } from '../../nodes/HarvestAppTrigger/poller/plan';
import { fingerprintOf, startState, type StartPoint, type WatchState } from '../../nodes/HarvestAppTrigger/poller/state';
import { parseHarvestTime } from '../../nodes/HarvestAppTrigger/poller/time';

import { FakeHarvest, type FakeRecord, type Version, type WireRecord } from './fakeHarvest';
import { chooseSeeds, Prng } from './prng';

const START = Date.parse('2025-03-10T08:00:00Z') / 1000;

interface RunOptions {
	event: WatchEvent;
	start: 'now' | 'date' | 'everything';
	/** Overlaps to pick from per poll; writes land at most min(overlaps) seconds late. */
	overlaps: number[];
	steps: number;
}

interface RunReport {
	creates: number;
	updates: number;
	polls: number;
	emitted: number;
	cutPolls: number;
	incompletePolls: number;
	/** Polls that held changes back because their second might not be over. */
	unsettledPolls: number;
	/** Emissions followed by a save of the same second that landed later than SETTLE_SECONDS (known limit). */
	lateSameSecond: number;
}

function emptyReport(): RunReport {
	return { creates: 0, updates: 0, polls: 0, emitted: 0, cutPolls: 0, incompletePolls: 0, unsettledPolls: 0, lateSameSecond: 0 };
}

/**
 * Whether `version` became visible later than the hold-back covers: a poll emits a version stamped u only when
 * its `Date` is at least u + 1 + SETTLE_SECONDS, and any save visible by then is in that read.
 */
const landedLate = (version: Version) => version.visibleAt > version.updatedAt + 1 + SETTLE_SECONDS;

function runSimulation(seed: number, options: RunOptions): RunReport {
	const rng = new Prng(seed);
	const server = new FakeHarvest(START, rng.chance(0.5));
	const maxDelay = Math.min(...options.overlaps);
	const live: FakeRecord[] = [];
	const report: RunReport = emptyReport();

	// History before the trigger starts.
	for (let i = 0; i < rng.int(0, 30); i++) {
		live.push(server.create());
		server.now += rng.int(0, 3);
	}
	const startPoint: StartPoint =
		options.start === 'now'
			? { kind: 'now', serverTime: server.now }
			: options.start === 'date'
				? { kind: 'date', time: START + rng.int(0, 40) }
				: { kind: 'everything' };
	const floor = startPoint.kind === 'now' ? startPoint.serverTime : startPoint.kind === 'date' ? startPoint.time : -Infinity;
	let state: WatchState = startState(fingerprintOf({ seed }), startPoint);

	const emittedPairs = new Set<string>();
	const byId = new Map(server.records.map((r) => [r.id, r]));
	const emissions: Array<{ id: number; version: Version; event: string }> = [];
	const lastEmitted = new Map<number, Version>();
	const fail = (message: string): never => {
		throw new Error(`seed ${seed}: ${message}`);
	};

	const poll = (forceComplete: boolean, limit: number) => {
		const overlap = rng.pick(options.overlaps);
		const window = readWindow(state, overlap);
		let records: WireRecord[] = server.read(window.updatedSince);
		let complete = true;
		if (!forceComplete && records.length > 1 && rng.chance(0.15)) {
			// A disturbed multi-page read: some records missing, detected and reported as incomplete.
			const kept = records.filter(() => rng.chance(0.7));
			const split = Math.max(1, Math.floor(kept.length / 2));
			const assessed = assessPages(
				[
					{ records: kept.slice(0, split), totalEntries: records.length },
					{ records: kept.slice(split), totalEntries: records.length },
				],
				server.now,
			);
			records = assessed.records;
			complete = assessed.complete;
		}
		const visibleAtRead = new Map(server.records.map((r) => [r.id, server.visibleVersion(r)]));
		const result = plan({ state, records, event: options.event, limit, overlapSeconds: overlap, serverTime: server.now, complete });
		report.polls++;
		if (result.pending > 0) report.cutPolls++;
		if (result.unsettled > 0) report.unsettledPolls++;
		if (!complete) report.incompletePolls++;
		if (result.emit.length > limit) fail(`${result.emit.length} items over a limit of ${limit}`);
		if (result.invalid !== 0) fail(`${result.invalid} records could not be placed`);

		const keys = result.emit.map((e: Emission<WireRecord>) =>
			parseHarvestTime(e.event === 'created' ? e.record.created_at : e.record.updated_at) as number,
		);
		for (let i = 1; i < keys.length; i++) if (keys[i] < keys[i - 1]) fail('emitted out of order');

		for (const { record, event } of result.emit) {
			const updatedAt = parseHarvestTime(record.updated_at) as number;
			const pair = `${record.id}@${updatedAt}`;
			if (emittedPairs.has(pair)) fail(`${pair} emitted twice`);
			emittedPairs.add(pair);
			const version = server.version(byId.get(record.id) as FakeRecord, record.name);
			if (!version || version.updatedAt !== updatedAt) return fail(`${pair} emitted with content ${record.name} of no such version`);
			emissions.push({ id: record.id, version, event });
			lastEmitted.set(record.id, version);
			report.emitted++;
		}

		// The watermark never moves back, nor past the server clock (or a start date in the future); seen stays
		// inside the horizon, one entry per record.
		const time = (value: string | null) => (value === null ? -Infinity : (parseHarvestTime(value) as number));
		const next = result.state;
		if (time(next.cursor) < time(state.cursor)) fail('watermark moved back');
		if (time(next.cursor) > Math.max(server.now, time(state.cursor))) fail('watermark passed the server clock');
		const horizon = time(next.horizon);
		if (next.seen.some(([, at]) => time(at) < horizon)) fail('seen holds a version below the horizon');
		if (new Set(next.seen.map(([id]) => id)).size !== next.seen.length) fail('seen holds an id twice');

		// After a complete poll that the limit did not cut, everything visible at the read whose second was over
		// (by the margin) is out, as that very version; the rest is held for a later poll.
		if (complete && result.pending === 0) {
			for (const record of server.records) {
				const version = visibleAtRead.get(record.id);
				if (!version || version.updatedAt >= server.now - SETTLE_SECONDS) continue;
				const last = lastEmitted.get(record.id);
				if (options.event === 'newOrUpdated' && version.updatedAt >= floor && last !== version) {
					if (last?.updatedAt !== version.updatedAt || !landedLate(version)) {
						fail(`${record.id}@${version.updatedAt} (${version.content}) visible and settled but ${last?.content ?? 'nothing'} emitted`);
					}
				}
				if (options.event === 'new' && record.createdAt >= floor && !last) {
					fail(`creation of ${record.id} visible but not emitted`);
				}
			}
		}
		state = next;
	};

	for (let step = 0; step < options.steps; step++) {
		const writes = rng.int(0, 6);
		for (let w = 0; w < writes; w++) {
			const delay = rng.chance(0.2) ? rng.int(0, maxDelay) : 0;
			if (live.length === 0 || rng.chance(0.4)) {
				const created = server.create(delay);
				live.push(created);
				byId.set(created.id, created);
				report.creates++;
			} else {
				const record = rng.chance(0.3) ? live[live.length - 1] : rng.pick(live);
				server.update(record, delay);
				report.updates++;
			}
			if (rng.chance(0.3)) server.now += 1;
		}
		if (rng.chance(0.5)) poll(false, rng.pick([1, 2, 3, 5, 50]));
		server.now += rng.pick([0, 0, 1, 1, 2, 5, 30]);
	}

	// Quiet period longer than any late write and the hold-back, then drain the backlog.
	server.now += maxDelay + SETTLE_SECONDS + 1;
	for (let i = 0; i < 10_000; i++) {
		const before = report.emitted;
		poll(true, 50);
		if (report.emitted === before) break;
		server.now += 1;
	}

	// Every emitted version was the last of its second, except when a later save of that second landed late.
	for (const { id, version } of emissions) {
		const versions = (byId.get(id) as FakeRecord).versions;
		const later = versions.slice(versions.indexOf(version) + 1).filter((v) => v.updatedAt === version.updatedAt);
		if (later.length === 0) continue;
		if (!later.every(landedLate)) fail(`${id}@${version.updatedAt} emitted as ${version.content}, not its second's last content`);
		report.lateSameSecond++;
	}

	// Every record's latest version (New or Updated) or every creation (New) came out, with the right labels.
	const emittedById = new Map<number, Array<{ version: Version; event: string }>>();
	for (const e of emissions) {
		const list = emittedById.get(e.id);
		if (list) list.push(e);
		else emittedById.set(e.id, [e]);
	}
	for (const record of server.records) {
		const got = emittedById.get(record.id) ?? [];
		const createdAfterStart = record.createdAt >= floor;
		if (options.event === 'new') {
			if (got.length !== (createdAfterStart ? 1 : 0)) fail(`${record.id} emitted ${got.length} times by New`);
			if (createdAfterStart && got[0].event !== 'created') fail(`${record.id} emitted by New as ${got[0].event}`);
			continue;
		}
		// The last emitted version is the record's final content (its updated_at alone would not show a lost
		// change within one second), unless the final save landed late in a second already emitted.
		const final = server.latest(record);
		const last = got[got.length - 1]?.version;
		if (final.updatedAt >= floor && last !== final) {
			if (last?.updatedAt !== final.updatedAt || !landedLate(final)) {
				fail(`${record.id}: final ${final.content}@${final.updatedAt}, last emitted ${last?.content ?? 'nothing'}`);
			}
		}
		got.forEach((e, index) => {
			const expected = index === 0 && createdAfterStart ? 'created' : 'updated';
			if (e.event !== expected) fail(`${record.id} emission ${index} was ${e.event}, expected ${expected}`);
		});
	}
	return report;
}

/** The seeds CI runs: fixed, so a red build points at the commit, not at a draw. */
const CI_SEEDS = Array.from({ length: 40 }, (_, i) => 20_250_310 + i);
const { seeds, source } = chooseSeeds('TRIGGER_PROPERTY_SEED', CI_SEEDS);

describe('poller properties (randomized)', () => {
	const totals: RunReport = emptyReport();
	afterAll(() => {
		process.stdout.write(
			`poller properties: ${source} seeds ${seeds[0]}..${seeds[seeds.length - 1]} ` +
				`(replay one with TRIGGER_PROPERTY_SEED=<seed>): ${JSON.stringify(totals)}\n`,
		);
		// The runs must reach what the checks are about, or they prove nothing.
		if (seeds.length > 1) {
			expect(totals.unsettledPolls).toBeGreaterThan(0);
			expect(totals.cutPolls).toBeGreaterThan(0);
			expect(totals.incompletePolls).toBeGreaterThan(0);
		}
	});
	const add = (r: RunReport) => {
		for (const key of Object.keys(totals) as Array<keyof RunReport>) totals[key] += r[key];
	};

	it.each(seeds)('New or Updated, from now, seed %i', (seed) => {
		add(runSimulation(seed, { event: 'newOrUpdated', start: 'now', overlaps: [60], steps: 300 }));
	});

	it.each(seeds)('New, from now, seed %i', (seed) => {
		add(runSimulation(seed, { event: 'new', start: 'now', overlaps: [60], steps: 300 }));
	});

	it.each(seeds.slice(0, 10))('New or Updated, from a date, changing overlaps, seed %i', (seed) => {
		add(runSimulation(seed, { event: 'newOrUpdated', start: 'date', overlaps: [5, 20, 120], steps: 300 }));
	});

	it.each(seeds.slice(0, 10))('New, including existing records, seed %i', (seed) => {
		add(runSimulation(seed, { event: 'new', start: 'everything', overlaps: [0, 1, 10], steps: 300 }));
	});

	it.each(seeds.slice(0, 10))('New or Updated, zero overlap and no late writes, seed %i', (seed) => {
		add(runSimulation(seed, { event: 'newOrUpdated', start: 'everything', overlaps: [0], steps: 300 }));
	});
});
