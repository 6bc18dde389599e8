/**
 * Shared fixtures for the transport tests: a virtual clock that replaces `transportClock`, nock set-up, and
 * credentials/contexts that look like n8n's.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { forgetAccounts, transportClock } from '../../nodes/shared/transport';
import { resetBudgets } from '../../nodes/shared/transport/governor';
import {
	createExecuteContext,
	createLoadOptionsContext,
	createPollContext,
	type CredentialData,
	type TestExecuteContext,
} from '../helpers/context';

export const API = 'https://api.harvestapp.com';
export const ID = 'https://id.getharvest.com';
export const TOKEN = 'pat-secret-token-0123456789abcdef';
export const ACCOUNT = '111222';
/** Tue, 01 Apr 2025 12:00:00 GMT, a fixed start for virtual time. */
export const VIRTUAL_START = Date.UTC(2025, 3, 1, 12, 0, 0);

export interface VirtualClock {
	/** Current virtual time (ms since epoch). */
	time: number;
	/** Every delay the transport asked to sleep, in order. */
	sleeps: number[];
	/** Value returned by `random()`; a function gives a sequence. */
	random: number | (() => number);
	/** Called at every sleep, before time advances. */
	onSleep?: (ms: number) => void | Promise<void>;
	elapsed(): number;
}

const realClock = { ...transportClock };

export function installVirtualClock(): VirtualClock {
	const clock: VirtualClock = {
		time: VIRTUAL_START,
		sleeps: [],
		random: 0.5,
		elapsed: () => clock.time - VIRTUAL_START,
	};
	transportClock.now = () => clock.time;
	transportClock.sleep = async (ms: number) => {
		clock.sleeps.push(ms);
		if (clock.onSleep) await clock.onSleep(ms);
		clock.time += ms;
	};
	transportClock.random = () => (typeof clock.random === 'function' ? clock.random() : clock.random);
	return clock;
}

export function restoreClock(): void {
	Object.assign(transportClock, realClock);
}

/**
 * Standard per-test set-up: fresh governor budgets, a virtual clock, nock with no network. Returns a getter
 * because the clock is created in `beforeEach`.
 */
export function useTransportFixture(): () => VirtualClock {
	let clock: VirtualClock | undefined;
	beforeAll(() => {
		nock.disableNetConnect();
	});
	beforeEach(() => {
		resetBudgets();
		forgetAccounts();
		clock = installVirtualClock();
	});
	afterEach(() => {
		restoreClock();
		nock.abortPendingRequests();
		nock.cleanAll();
	});
	afterAll(() => {
		nock.enableNetConnect();
	});
	return () => {
		if (!clock) throw new Error('virtual clock not installed');
		return clock;
	};
}

export function patCredentials(overrides: IDataObject = {}): CredentialData {
	return { harvestAppApi: { accessToken: TOKEN, accountId: ACCOUNT, baseUrl: `${API}/v2`, ...overrides } };
}

export const OAUTH = {
	accessToken: 'oauth-access-token-AAAA1111',
	refreshToken: 'oauth-refresh-token-RRRR2222',
	clientId: 'oauth-client-id',
	clientSecret: 'oauth-client-secret-SSSS3333',
	newAccessToken: 'oauth-access-token-NEW-BBBB4444',
};

export function oauthCredentials(overrides: IDataObject = {}): CredentialData {
	return {
		harvestAppOAuth2Api: {
			clientId: OAUTH.clientId,
			clientSecret: OAUTH.clientSecret,
			accessTokenUrl: `${ID}/api/v2/oauth2/token`,
			authUrl: `${ID}/oauth2/authorize`,
			oauthTokenData: { access_token: OAUTH.accessToken, refresh_token: OAUTH.refreshToken, token_type: 'bearer' },
			accountId: ACCOUNT,
			baseUrl: `${API}/v2`,
			...overrides,
		},
	};
}

export function executeContext(
	parameters: IDataObject = {},
	credentials: CredentialData = patCredentials(),
): TestExecuteContext {
	return createExecuteContext({ parameters, credentials });
}

export { createExecuteContext, createLoadOptionsContext, createPollContext };

/** Catches what a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & IDataObject> {
	try {
		await promise;
	} catch (error) {
		return error as Error & IDataObject;
	}
	throw new Error('expected the promise to reject, but it resolved');
}

/** Records of a fake list: `{ id }` objects numbered from `from`. */
export function records(count: number, from = 1): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({ id: from + i }));
}

/** What nock saw of one request, with the virtual time it arrived at. */
export interface Seen {
	method: string;
	/** Path and query exactly as sent. */
	path: string;
	headers: Record<string, string>;
	body: unknown;
	at: number;
}

type ReplyValue = nock.ReplyFnResult;

/**
 * A nock reply function that records the request into `log` and answers with `answer` (a fixed reply or a
 * function of the request).
 */
export function recordInto(
	log: Seen[],
	clock: () => VirtualClock,
	answer: ReplyValue | ((seen: Seen) => ReplyValue),
): (this: nock.ReplyFnContext, uri: string, body: nock.Body) => ReplyValue {
	return function (this: nock.ReplyFnContext, uri: string, body: nock.Body): ReplyValue {
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(this.req.headers)) headers[name.toLowerCase()] = String(value);
		const seen: Seen = { method: this.req.method, path: uri, headers, body, at: clock().time };
		log.push(seen);
		return typeof answer === 'function' ? answer(seen) : answer;
	};
}

/** A socket-level failure as Node reports it (nock needs an Error instance, not a plain object). */
export function netError(code: string, message: string): Error {
	return Object.assign(new Error(message), { code });
}
