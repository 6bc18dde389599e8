import { randomBytes } from 'node:crypto';
import { ApiError, invalidToken } from './errors';

export interface AccountInfo {
	id: number;
	name: string;
	product: 'harvest' | 'forecast';
}

export interface Identity {
	id: number;
	first_name: string;
	last_name: string;
	email: string;
}

/** What an access token may do. */
export interface Grant {
	kind: 'pat' | 'oauth';
	/** Accounts (Harvest and Forecast) the token reaches. */
	accountIds: number[];
	/** Server-clock expiry in epoch seconds; null = never (personal access tokens). */
	expiresAt: number | null;
	scope: string;
}

export function newSecret(bytes = 24): string {
	return randomBytes(bytes).toString('hex');
}

/** Token registry of the sandbox's Harvest ID: one person, their accounts, their tokens. */
export class Auth {
	private readonly tokens = new Map<string, Grant>();

	constructor(
		readonly identity: Identity,
		readonly accounts: AccountInfo[],
	) {}

	issue(token: string, grant: Grant): void {
		this.tokens.set(token, grant);
	}

	revoke(token: string): void {
		this.tokens.delete(token);
	}

	/** The grant behind a token, or null when unknown or expired. */
	grant(token: string | null | undefined, nowSec: number): Grant | null {
		if (!token) return null;
		const g = this.tokens.get(token);
		if (!g) return null;
		if (g.expiresAt !== null && nowSec >= g.expiresAt) return null;
		return g;
	}

	harvestAccountIds(): number[] {
		return this.accounts.filter((a) => a.product === 'harvest').map((a) => a.id);
	}

	/**
	 * API authentication: a valid token plus a `Harvest-Account-Id` it can reach.
	 * Missing/invalid/expired token or a missing/malformed account id → 401 invalid_token;
	 * a well-formed account id the token cannot use (or a Forecast account) → 403.
	 */
	authenticate(token: string | null, accountRaw: string | null, nowSec: number): number {
		const grant = this.grant(token, nowSec);
		if (!grant) throw invalidToken();
		if (!accountRaw || !/^\d+$/.test(accountRaw.trim())) throw invalidToken();
		const accountId = Number(accountRaw.trim());
		const account = this.accounts.find((a) => a.id === accountId);
		if (!account || !grant.accountIds.includes(accountId) || account.product !== 'harvest') {
			throw new ApiError(403, { message: `The access token does not give access to Harvest account ${accountId}.` });
		}
		return accountId;
	}
}

/** `Authorization: Bearer x` → x (case-insensitive scheme). */
export function bearerToken(header: string | undefined): string | null {
	if (!header) return null;
	const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
	return m ? m[1] : null;
}
