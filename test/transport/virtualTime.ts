/**
 * A discrete-event clock for concurrent transport code: `sleep` registers a timer, and `run` advances virtual
 * time to the next timer only when every promise is waiting on one. Several reads that sleep at once therefore
 * overlap in virtual time, as they do in real time (support.ts's clock adds each sleep to the time instead).
 * With it, a fake Harvest whose pages take virtual time to build, on the transport's own governor.
 */
import type { IDataObject } from 'n8n-workflow';

import { forgetAccounts, transportClock } from '../../nodes/shared/transport';
import { resetBudgets } from '../../nodes/shared/transport/governor';
import { createExecuteContext, type TestExecuteContext } from '../helpers/context';
import { API, patCredentials, records, VIRTUAL_START } from './support';

interface Timer {
	at: number;
	order: number;
	wake: () => void;
}

export class VirtualTime {
	now = VIRTUAL_START;
	private timers: Timer[] = [];
	private order = 0;

	/** Puts this clock in place of the transport's (and fresh governor budgets); `restore()` puts it back. */
	install(): this {
		resetBudgets();
		forgetAccounts();
		transportClock.now = () => this.now;
		transportClock.sleep = async (ms: number) => await this.sleep(ms);
		transportClock.random = () => 0.5;
		return this;
	}

	get elapsed(): number {
		return this.now - VIRTUAL_START;
	}

	async sleep(ms: number): Promise<void> {
		await new Promise<void>((wake) => this.timers.push({ at: this.now + Math.max(0, ms), order: this.order++, wake }));
	}

	/** Settles `work`, moving time on whenever nothing else can run. Fails on a wait that nothing ends. */
	async run<T>(work: Promise<T>): Promise<T> {
		let settled = false;
		const watched = work.finally(() => {
			settled = true;
		});
		watched.catch(() => undefined);
		for (;;) {
			// Let every promise that can move do so before time advances.
			for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
			if (settled) return await watched;
			if (this.timers.length === 0) throw new Error('virtual time: the work waits on something no timer ends');
			this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
			const at = this.timers[0].at;
			this.now = at;
			const due = this.timers.filter((t) => t.at === at);
			this.timers = this.timers.filter((t) => t.at !== at);
			for (const timer of due) timer.wake();
		}
	}
}

export interface FakeRequest {
	url: string;
	page: number;
	startedAt: number;
	endedAt?: number;
}

export interface FakeListOptions {
	/** Records in the list. */
	total: number;
	/** Records per page the fake serves (Harvest's is the per_page asked, up to 2000). */
	pageSize?: number;
	/** Path below /v2 and the envelope's list key. */
	path?: string;
	key?: string;
	/** Virtual milliseconds one page takes to answer. */
	latency: (page: number, records: number) => number;
	/** An HTTP status to answer a page with instead of the records. */
	failWith?: (page: number) => number | undefined;
	/** Cursor pagination (links.next with `cursor=`) instead of page numbers. */
	cursor?: boolean;
	/** Called as each request arrives (e.g. to cancel the execution). */
	onRequest?: (request: FakeRequest) => void;
}

export interface FakeList {
	ctx: TestExecuteContext;
	requests: FakeRequest[];
	/** Most requests that were on their way at the same moment. */
	maxInFlight: () => number;
	inFlight: () => number;
}

/**
 * A page-numbered Harvest list behind the transport's HTTP helper: it honours `page` and `per_page`, answers
 * with Harvest's envelope (links.next with the filters) and takes virtual time per page.
 */
export function fakePageNumberedList(time: VirtualTime, options: FakeListOptions): FakeList {
	const path = options.path ?? '/time_entries';
	const key = options.key ?? 'time_entries';
	const ctx = createExecuteContext({ parameters: {}, credentials: patCredentials() });
	const requests: FakeRequest[] = [];
	let inFlight = 0;
	let maxInFlight = 0;
	ctx.helpers.httpRequestWithAuthentication = async function (_type: string, request: IDataObject) {
		const url = new URL(String(request.url));
		for (const [name, value] of Object.entries((request.qs as IDataObject | undefined) ?? {})) url.searchParams.set(name, String(value));
		const page = Number(url.searchParams.get(options.cursor ? 'cursor' : 'page') ?? 1);
		const asked = Number(url.searchParams.get('per_page') ?? 2000);
		const perPage = Math.min(options.pageSize ?? asked, asked);
		const totalPages = Math.max(1, Math.ceil(options.total / perPage));
		const first = (page - 1) * perPage;
		const count = Math.max(0, Math.min(perPage, options.total - first));
		const seen: FakeRequest = { url: url.toString(), page, startedAt: time.now };
		requests.push(seen);
		options.onRequest?.(seen);
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		try {
			await time.sleep(options.latency(page, count));
		} finally {
			inFlight--;
			seen.endedAt = time.now;
		}
		const status = options.failWith?.(page);
		if (status) {
			throw Object.assign(new Error(`Request failed with status code ${status}`), {
				response: { status, headers: {}, data: { message: `page ${page} failed` } },
			});
		}
		const filters = [...url.searchParams.entries()]
			.filter(([name]) => name !== 'page' && name !== 'per_page' && name !== 'cursor')
			.map(([name, value]) => `&${name}=${encodeURIComponent(value)}`)
			.join('');
		const link = (n: number) => `${API}/v2${path}?${options.cursor && n > 1 ? 'cursor' : 'page'}=${n}&per_page=${perPage}${filters}`;
		return {
			statusCode: 200,
			headers: { date: new Date(time.now).toUTCString() },
			body: {
				[key]: records(count, first + 1),
				per_page: perPage,
				total_pages: totalPages,
				total_entries: options.total,
				page,
				next_page: page < totalPages ? page + 1 : null,
				previous_page: page > 1 ? page - 1 : null,
				links: { first: link(1), next: page < totalPages ? link(page + 1) : null, previous: page > 1 ? link(page - 1) : null, last: link(totalPages) },
			},
		};
	} as never;
	return { ctx, requests, maxInFlight: () => maxInFlight, inFlight: () => inFlight };
}
