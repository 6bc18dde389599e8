import { Auth, type AccountInfo, newSecret } from './auth';
import { Clock } from './clock';
import { FaultInjector, NO_FAULTS, validateFaults } from './faults';
import { OAuthServer } from './oauth';
import type { ResolvedOptions } from './options';
import { RateLimiter } from './ratelimit';
import { RequestLog } from '../helpers/requestLog';
import type { RequestLogEntry } from './requestLog';
import { Rng } from './rng';
import type { Router } from './router';
import { buildApiRouter } from './routes';
import { seedAccount } from './seed';
import { AccountStore } from './store';

const OWNER = { first_name: 'Alex', last_name: 'Morgan', email: 'alex.morgan@example.com' };

/** Everything the server, the admin API and the in-process handle share. */
export class SandboxState {
	readonly clock: Clock;
	readonly auth: Auth;
	readonly oauth: OAuthServer;
	readonly limiter: RateLimiter;
	readonly faults: FaultInjector;
	/** The last 100,000 requests. */
	readonly log = new RequestLog<RequestLogEntry>(100_000);
	readonly router: Router = buildApiRouter();
	readonly token: string;
	readonly stores = new Map<number, AccountStore>();
	/** Random source of the mutate endpoint's choices. */
	mutateRng: Rng;
	seed: number;
	timeEntries: number;

	constructor(readonly options: ResolvedOptions) {
		this.clock = new Clock(options.clockOffsetSeconds);
		this.seed = options.seed;
		this.timeEntries = options.timeEntries;
		this.mutateRng = new Rng(options.seed ^ 0x3a7e);
		const ids = new Rng(options.seed ^ 0xacc0);
		const first = 1_000_000 + ids.int(0, 2_999_999);
		const accounts: AccountInfo[] = [
			{ id: first, name: 'Sandbox Agency', product: 'harvest' },
			{ id: first + 3_000_000 + ids.int(0, 2_999_999), name: 'Sandbox Labs', product: 'harvest' },
			{ id: first + 6_000_000 + ids.int(0, 2_999_999), name: 'Sandbox Agency', product: 'forecast' },
		];
		this.auth = new Auth({ id: 4_000_000 + ids.int(0, 999_999), ...OWNER }, accounts);
		this.token = options.token ?? `${this.auth.identity.id}.pt.${newSecret(32)}`;
		this.auth.issue(this.token, { kind: 'pat', accountIds: accounts.map((a) => a.id), expiresAt: null, scope: 'all' });
		this.oauth = new OAuthServer(
			this.auth,
			{
				clientId: options.oauth.clientId ?? `sandbox-${newSecret(12)}`,
				clientSecret: options.oauth.clientSecret ?? newSecret(32),
				redirectUri: options.oauth.redirectUri,
			},
			options.accessTokenTtlSeconds,
			() => this.clock.nowSec(),
		);
		this.limiter = new RateLimiter(options.rateLimits, options.timeScale);
		const baseline = {
			...NO_FAULTS,
			latencyMs: options.latencyMs,
			jitterMs: options.jitterMs,
			perRecordMs: options.perRecordMs,
			errorRate: options.errorRate,
			resetRate: options.resetRate,
			timeoutRate: options.timeoutRate,
			malformedRate: options.malformedRate,
		};
		const problem = validateFaults(baseline);
		if (problem) throw new Error(`sandbox fault options: ${problem}`);
		this.faults = new FaultInjector(baseline, options.seed);
		this.generate(options.seed, options.timeEntries);
	}

	/** (Re)builds every Harvest account's data from a seed; tokens and account ids stay. */
	generate(seed: number, timeEntries: number): void {
		this.seed = seed;
		this.timeEntries = timeEntries;
		this.mutateRng = new Rng(seed ^ 0x3a7e);
		this.stores.clear();
		const anchor = this.options.anchorDate ?? this.clock.today();
		const harvest = this.auth.accounts.filter((a) => a.product === 'harvest');
		harvest.forEach((info, i) => {
			const rng = new Rng((seed + i * 7919) >>> 0);
			const store = new AccountStore(info.id, info.name, this.clock, rng.fork(1), i * 20_000_000);
			seedAccount(store, rng, anchor, {
				timeEntries: i === 0 ? timeEntries : Math.min(200, Math.ceil(timeEntries / 10)),
				companyName: info.name,
				owner: OWNER,
			});
			this.stores.set(info.id, store);
		});
	}

	firstAccountId(): number {
		return this.auth.harvestAccountIds()[0];
	}

	store(accountId?: number | string): AccountStore {
		const id = accountId === undefined ? this.firstAccountId() : Number(accountId);
		const store = this.stores.get(id);
		if (!store) throw new Error(`no Harvest account ${accountId} in the sandbox`);
		return store;
	}

	summary(): Record<string, unknown> {
		return {
			seed: this.seed,
			timeEntries: this.timeEntries,
			clock: { now: new Date(this.clock.nowSec() * 1000).toISOString().slice(0, 19) + 'Z', offsetSeconds: this.clock.offsetSeconds },
			rateLimits: { enabled: this.limiter.enabled, timeScale: this.limiter.timeScale },
			faults: this.faults.get(),
			accounts: this.auth.accounts.map((a) => ({ ...a, counts: this.stores.get(a.id)?.counts() ?? null })),
		};
	}
}
