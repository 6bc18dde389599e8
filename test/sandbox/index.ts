import { mutate, type MutateOperation } from './mutate';
import { resolveOptions, type SandboxOptions } from './options';
import type { RequestLogEntry } from './requestLog';
import { type Faults, validateFaults } from './faults';
import type { AccountInfo } from './auth';
import { SandboxServer } from './server';
import { SandboxState } from './state';
import type { AccountStore } from './store';

export type { SandboxOptions } from './options';
export type { RequestLogEntry } from './requestLog';
export type { Faults } from './faults';
export type { MutateOperation, MutableResource } from './mutate';
export type { AccountStore } from './store';

/** In-process access to the data, for assertions. */
export interface SandboxStore {
	/** A Harvest account's data (default: the first account). */
	account(accountId?: number | string): AccountStore;
	/** Record counts per account and resource. */
	counts(): Record<string, Record<string, number>>;
}

export interface Sandbox {
	/** API base, `http://127.0.0.1:PORT/v2`. */
	url: string;
	/** Harvest ID base on the same origin: `/oauth2/authorize`, `/api/v2/oauth2/token`, `/api/v2/accounts`. */
	idUrl: string;
	/** Personal access token reaching both Harvest accounts and the Forecast account. */
	token: string;
	/** The first Harvest account. */
	accountId: string;
	accounts: AccountInfo[];
	oauth: { clientId: string; clientSecret: string };
	port: number;
	close(): Promise<void>;
	store: SandboxStore;
	log: { entries(): RequestLogEntry[]; clear(): void };
	faults: { set(f: Partial<Faults>): void; clear(): void; get(): Faults };
	setClockOffset(seconds: number): void;
	/** Server time (host clock + offset). */
	now(): Date;
	/** Direct data change through the API's rules (no auth, rate limit or log); throws on failure. */
	mutate(op: MutateOperation): Record<string, unknown>;
	mutateBatch(ops: MutateOperation[]): Array<{ status: number; body: unknown }>;
	/** Regenerates the data (tokens and account ids stay). */
	reset(opts?: { seed?: number; records?: number }): void;
	/** Forgets all rate-limit windows. */
	resetRateLimits(): void;
	state(): Record<string, unknown>;
}

/** Starts a local, stateful Harvest API v2 + Harvest ID server. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const opts = resolveOptions(options);
	const state = new SandboxState(opts);
	const server = new SandboxServer(state);
	const port = await server.listen(opts.port, opts.host);
	const hostForUrl = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host.includes(':') ? `[${opts.host}]` : opts.host;
	const idUrl = `http://${hostForUrl}:${port}`;
	return {
		url: `${idUrl}/v2`,
		idUrl,
		token: state.token,
		accountId: String(state.firstAccountId()),
		accounts: state.auth.accounts.map((a) => ({ ...a })),
		oauth: { clientId: state.oauth.app.clientId, clientSecret: state.oauth.app.clientSecret },
		port,
		close: () => server.close(),
		store: {
			account: (id) => state.store(id),
			counts: () => Object.fromEntries(Array.from(state.stores.entries(), ([id, s]) => [String(id), s.counts()])),
		},
		log: { entries: () => state.log.list(), clear: () => state.log.clear() },
		faults: {
			set: (f) => {
				const problem = validateFaults(f);
				if (problem) throw new Error(`sandbox faults: ${problem}`);
				state.faults.set(f);
			},
			clear: () => state.faults.clear(),
			get: () => state.faults.get(),
		},
		setClockOffset: (seconds) => {
			state.clock.offsetSeconds = seconds;
		},
		now: () => new Date(state.clock.nowSec() * 1000),
		mutate: (op) => {
			const out = mutate(state, op, idUrl);
			if (out.status >= 300) throw new Error(`mutate failed (${out.status}): ${JSON.stringify(out.body)}`);
			return out.body as Record<string, unknown>;
		},
		mutateBatch: (ops) => ops.map((op) => mutate(state, op, idUrl)),
		reset: (o = {}) => {
			state.generate(o.seed ?? state.seed, o.records ?? state.timeEntries);
			state.limiter.reset();
		},
		resetRateLimits: () => state.limiter.reset(),
		state: () => state.summary(),
	};
}
