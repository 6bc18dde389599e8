/**
 * The event watches of the randomized sandbox run (randomized.sandbox.test.ts): "Deleted" time entries (checked
 * every 2 polls, 90-day window), clients "New or Updated" with Report Deletions (every 3 polls), and invoice
 * "Field Changed" on `state` (any change, and to paid). Their own writes come from a generator of their own
 * (so the run's original sequence of time entry and client writes stays as it was): invoices created, their
 * state set (sometimes twice in one second, back and forth), their notes edited (which lets the sandbox settle
 * open/paid by the amount due), invoices and clients deleted. Polls use small pages and change data between
 * pages now and then. The checks are in eventOracles.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import { dayText, windowStartDay } from '../../nodes/HarvestAppTrigger/poller/roster';
import { parseHarvestTime } from '../../nodes/HarvestAppTrigger/poller/time';
import { INVOICE_STATES } from '../../nodes/shared/catalogue';
import type { Sandbox } from '../sandbox';
import {
	checkDeletionItems,
	checkFieldItems,
	checkFinalValues,
	checkNoDeletionLost,
	noteSent,
	recordsOf,
	type DeletionWatch,
	type FieldWatchOracle,
	type Moments,
} from './eventOracles';
import { Prng } from './prng';
import { pollOnce } from './support';

const WINDOW_DAYS = 90;

export function eventRun(seed: number, sandbox: Sandbox, moments: Moments, now: () => number, deleted: Set<number>) {
	const rng = new Prng(seed ^ 0x5eed);
	const store = () => sandbox.store.account();
	const writes = { invoiceCreates: 0, stateChanges: 0, sameSecondFlips: 0, notesEdits: 0, invoiceDeletes: 0, clientDeletes: 0, failed: 0, total: 0 };
	/** Every write of an invoice's state: [updated_at, state], in the order written. */
	const stateHistory = new Map<number, Array<[number, unknown]>>();
	const deletions = { time_entries: new Map<number, { at: number; watched: boolean }>(), clients: new Map<number, { at: number; watched: boolean }>() };
	const inWindow = (record: IDataObject | undefined) => !!record && String(record.spent_date) >= dayText(windowStartDay(now(), WINDOW_DAYS));

	const deletionWatch = (name: string, params: IDataObject, listKey: string, watched: DeletionWatch['watched']): DeletionWatch => ({
		name,
		params: { limit: 50, ...params },
		staticData: {},
		listKey,
		watched,
		seen: new Map(),
		reported: new Set(),
		polls: 0,
		requests: 0,
		otherItems: 0,
	});
	const fieldWatch = (name: string, to: string[]): FieldWatchOracle => ({
		name,
		params: { resource: 'invoice', event: 'fieldChanged', watchField: 'state', toValues: to, limit: 50 },
		staticData: {},
		field: 'state',
		to,
		baseline: new Map(),
		initial: 'draft',
		pairs: new Set(),
		last: new Map(),
		reportedTo: new Set(),
		polls: 0,
		requests: 0,
		transitions: 0,
	});
	const checkEvery = (count: number) => ({ deletionCheckEvery: count, deletionCheckUnit: 'polls', deletionWindowDays: WINDOW_DAYS });
	const deletionWatches = [
		deletionWatch('time entries, Deleted', { resource: 'timeEntry', event: 'deleted', options: checkEvery(2) }, 'time_entries', inWindow),
		deletionWatch('clients, New or Updated + Report Deletions', { resource: 'client', event: 'newOrUpdated', options: { reportDeletions: true, ...checkEvery(3) } }, 'clients', () => true),
	];
	const fieldWatches = [fieldWatch('invoices, state, any change', []), fieldWatch('invoices, state to paid', ['paid'])];
	const resourceOf = (watch: DeletionWatch) => (watch.listKey === 'clients' ? 'clients' : 'time_entries');

	const noteInvoice = (body: IDataObject) => {
		const id = Number(body.id);
		stateHistory.set(id, [...(stateHistory.get(id) ?? []), [parseHarvestTime(body.updated_at) as number, body.state]]);
	};
	/** Invoices this run created: only these are deleted (deleting a seeded one would release its billed time entries, changing them behind the run's back). */
	const created: number[] = [];
	let hot: number | undefined;
	/** One write of this run's own: invoices, or a deletion of a client. */
	const eventWrite = () => {
		moments.next();
		writes.total++;
		const invoices = store().invoices.all();
		const roll = rng.int(0, 99);
		if (roll < 15 || invoices.length === 0) {
			const outcome = sandbox.mutateBatch([{ resource: 'invoices', action: 'create' }])[0];
			if (outcome.status >= 300) return void writes.failed++;
			noteInvoice(outcome.body as IDataObject);
			created.push(Number((outcome.body as IDataObject).id));
			writes.invoiceCreates++;
			return;
		}
		const id = hot !== undefined && rng.chance(0.3) && store().invoices.get(hot) ? hot : rng.pick(invoices).id;
		hot = id;
		if (roll < 65) {
			// Now and then two states within one second: the settled version shows only the second.
			for (let flips = rng.chance(0.2) ? 2 : 1; flips > 0; flips--) {
				const outcome = sandbox.mutateBatch([{ resource: 'invoices', action: 'update', id, raw: { state: rng.pick(INVOICE_STATES) } }])[0];
				if (outcome.status >= 300) return void writes.failed++;
				noteInvoice(outcome.body as IDataObject);
				writes.stateChanges++;
				if (flips === 2) writes.sameSecondFlips++;
			}
		} else if (roll < 88) {
			const outcome = sandbox.mutateBatch([{ resource: 'invoices', action: 'update', id, fields: { notes: `n${rng.int(0, 1e9)}` } }])[0];
			if (outcome.status >= 300) return void writes.failed++;
			noteInvoice(outcome.body as IDataObject);
			writes.notesEdits++;
		} else if (roll < 94) {
			const own = created.filter((invoice) => store().invoices.get(invoice));
			if (own.length === 0) return;
			if (sandbox.mutateBatch([{ resource: 'invoices', action: 'delete', id: rng.pick(own) }])[0].status >= 300) return void writes.failed++;
			writes.invoiceDeletes++;
		} else {
			// Clients without projects, invoices or estimates can go (the others answer 422).
			const client = rng.pick(store().clients.all());
			if (sandbox.mutateBatch([{ resource: 'clients', action: 'delete', id: client.id }])[0].status >= 300) return void writes.failed++;
			deletions.clients.set(client.id, { at: moments.next(), watched: true });
			deleted.add(client.id);
			writes.clientDeletes++;
		}
	};

	const poll = async (watch: DeletionWatch | FieldWatchOracle, limit: number, disturb: (() => void) | undefined) => {
		let page = 0;
		const disturbAfter = disturb ? rng.int(1, 2) : 0;
		const perPage = rng.pick([20, 50]);
		// Listings (no updated_since) of the whole window are read in pages of 500: shifts still happen between
		// pages, at a tenth of the requests.
		const outcome = await pollOnce(sandbox, { ...watch.params, limit }, watch.staticData, {
			wrap: async (send, options) => {
				const qs = options.qs as IDataObject | undefined;
				if (disturb && qs?.per_page === 2000) qs.per_page = qs.updated_since === undefined ? 500 : perPage;
				const response = await send();
				if ('listKey' in watch) noteSent(watch, recordsOf(response, watch.listKey), moments);
				if (++page === disturbAfter) for (let i = rng.int(1, 8); i > 0; i--) (rng.chance(0.5) ? eventWrite : (disturb as () => void))();
				return response;
			},
		});
		watch.polls++;
		watch.requests += outcome.requests.length;
		const items = outcome.items ?? [];
		if (items.length > limit) throw new Error(`seed ${seed}: ${watch.name} returned ${items.length} over a limit of ${limit}`);
		if ('listKey' in watch) {
			const resource = resourceOf(watch);
			checkDeletionItems(seed, watch, items, (id) => (resource === 'clients' ? store().clients.get(id) : store().timeEntries.get(id)) !== undefined);
		} else {
			checkFieldItems(seed, watch, items, stateHistory);
		}
		return items.length;
	};

	return {
		/** Activates every event watch: each lists what exists and reports nothing. */
		async activate(): Promise<void> {
			for (const watch of [...deletionWatches, ...fieldWatches]) {
				if (!('listKey' in watch)) for (const invoice of store().invoices.all()) watch.baseline.set(invoice.id, invoice.state);
				const primed = await pollOnce(sandbox, watch.params, watch.staticData, {
					wrap: async (send) => {
						const response = await send();
						if ('listKey' in watch) noteSent(watch, recordsOf(response, watch.listKey), moments);
						return response;
					},
				});
				if (primed.items !== null) throw new Error(`seed ${seed}: ${watch.name} reported at activation`);
			}
		},

		/** Notes a time entry deletion made by the run: when, and whether the Deleted watch watched it then. */
		deletedTimeEntry(id: number, before: IDataObject | undefined): void {
			deletions.time_entries.set(id, { at: moments.next(), watched: inWindow(before) });
		},

		/** Between two rounds of the run: some writes of this run's own, then each event watch polls or not. */
		async step(disturb: (allowDelete: boolean) => void, limits: readonly number[]): Promise<void> {
			for (let i = rng.int(0, 12); i > 0; i--) eventWrite();
			for (const watch of [...deletionWatches, ...fieldWatches]) {
				if (rng.chance(0.6)) await poll(watch, rng.pick(limits), rng.chance(0.25) ? () => disturb(true) : undefined);
			}
		},

		/** Drains every event watch, runs the final checks and returns the counts for the run's summary. */
		async finish() {
			for (const watch of [...deletionWatches, ...fieldWatches]) {
				for (let quiet = 0, i = 0; quiet < 4 && i < 300; i++) {
					sandbox.setClockOffset(Math.floor(sandbox.now().getTime() / 1000) - Math.floor(Date.now() / 1000) + 2);
					quiet = (await poll(watch, 2000, undefined)) === 0 ? quiet + 1 : 0;
				}
			}
			const mustReport = deletionWatches.map((watch) => checkNoDeletionLost(seed, watch, deletions[resourceOf(watch)]));
			const finals = new Map(store().invoices.all().map((invoice) => [invoice.id, invoice.state as unknown]));
			for (const watch of fieldWatches) checkFinalValues(seed, watch, finals);
			return {
				writes,
				deletionWatches: deletionWatches.map((watch, index) => ({
					name: watch.name,
					polls: watch.polls,
					requests: watch.requests,
					deletedWhileWatched: [...deletions[resourceOf(watch)].values()].filter((d) => d.watched).length,
					mustReport: mustReport[index],
					reported: watch.reported.size,
					otherItems: watch.otherItems,
				})),
				fieldWatches: fieldWatches.map((watch) => ({ name: watch.name, polls: watch.polls, requests: watch.requests, transitions: watch.transitions })),
			};
		},
	};
}
