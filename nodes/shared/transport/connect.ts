import type { IDataObject, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { createHash } from 'crypto';

import { apiBaseUrl, credentialTypeFor, isProblem, resolveApiUrl, type Checked, idBaseUrl } from './connection';
import { secretsOf, send } from './send';
import { isExecuteContext, transportClock, type Connection, type HarvestAccount, type HarvestContext } from './types';

export function readParameter(ctx: HarvestContext, name: string, itemIndex: number, fallback: unknown): unknown {
	if (isExecuteContext(ctx)) return ctx.getNodeParameter(name, itemIndex, fallback);
	const loadOptions = ctx as ILoadOptionsFunctions;
	if (typeof loadOptions.getCurrentNodeParameter === 'function') {
		const current = loadOptions.getCurrentNodeParameter(name);
		if (current !== undefined) return current;
	}
	return (ctx as IPollFunctions).getNodeParameter(name, fallback);
}

/** Unwraps a checked value, or refuses with a NodeOperationError before anything is sent. */
export function accept<T>(ctx: HarvestContext, checked: Checked<T>, itemIndex?: number): T {
	if (isProblem(checked)) {
		throw new NodeOperationError(ctx.getNode(), checked.problem, { description: checked.description, itemIndex });
	}
	return checked.value;
}

export function chooseCredentialType(ctx: HarvestContext, authentication: string, itemIndex?: number): string {
	const credentialType = credentialTypeFor(authentication);
	if (!credentialType) {
		throw new NodeOperationError(ctx.getNode(), `Unknown authentication "${authentication}"`, { itemIndex });
	}
	return credentialType;
}

/** The node's Account parameter: empty (the credential's account), or a Harvest account ID, which is a number. */
function chosenAccountId(ctx: HarvestContext, itemIndex: number): string {
	const raw = readParameter(ctx, 'accountId', itemIndex, '');
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
	if (text === undefined && raw !== undefined && raw !== null) {
		throw new NodeOperationError(ctx.getNode(), `The parameter "Account Name or ID" must be a Harvest account ID, not ${JSON.stringify(raw)} [item ${itemIndex}]`, { itemIndex });
	}
	if (text && !/^\d+$/.test(text)) {
		throw new NodeOperationError(ctx.getNode(), `The parameter "Account Name or ID" must be a Harvest account ID (a number), not "${text}" [item ${itemIndex}]`, {
			itemIndex,
			description: 'Pick the account from the list, or give its number, shown next to the token at https://id.getharvest.com/developers.',
		});
	}
	return text ?? '';
}

const connections = new WeakMap<object, Map<string, Promise<Connection>>>();

/** Credential, API base and account for one execution; looked up once per context and account choice. */
export async function connect(ctx: HarvestContext, itemIndex = 0): Promise<Connection> {
	const authentication = String(readParameter(ctx, 'authentication', itemIndex, 'accessToken'));
	const chosenAccount = chosenAccountId(ctx, itemIndex);
	const key = `${authentication}|${chosenAccount}`;
	let perContext = connections.get(ctx);
	if (!perContext) connections.set(ctx, (perContext = new Map()));
	let pending = perContext.get(key);
	if (!pending) {
		pending = openConnection(ctx, authentication, chosenAccount, itemIndex);
		perContext.set(key, pending);
		pending.catch(() => perContext?.delete(key));
	}
	return await pending;
}

async function openConnection(
	ctx: HarvestContext,
	authentication: string,
	chosenAccount: string,
	itemIndex: number,
): Promise<Connection> {
	const credentialType = chooseCredentialType(ctx, authentication, itemIndex);
	const credentials = isExecuteContext(ctx)
		? await ctx.getCredentials(credentialType, itemIndex)
		: await ctx.getCredentials(credentialType);
	const apiBase = accept(ctx, apiBaseUrl(credentials), itemIndex);
	const connection: Connection = { credentialType, apiBase, accountId: '', secrets: secretsOf(credentials) };

	let accountId = chosenAccount || String(credentials.accountId ?? '').trim();
	const cacheKey = accountCacheKey(credentialType, apiBase, credentials);
	if (!accountId) accountId = cachedAccount(cacheKey) ?? '';
	if (!accountId) {
		const accounts = await listAccounts(ctx, connection, itemIndex);
		if (accounts.length !== 1) {
			throw new NodeOperationError(ctx.getNode(), 'Choose the Harvest account to use', {
				itemIndex,
				description:
					accounts.length === 0
						? 'The token reaches no Harvest account.'
						: `The token reaches ${accounts.length} Harvest accounts (${accounts
								.map((a) => `${a.name}: ${a.id}`)
								.join(', ')}). Pick one in the node's "Account" field or set the Account ID in the credential.`,
			});
		}
		accountId = String(accounts[0].id);
		rememberAccount(cacheKey, accountId);
	}
	if (!/^\d+$/.test(accountId)) {
		throw new NodeOperationError(ctx.getNode(), `The credential's "Account ID" must be a number, not "${accountId}"`, {
			itemIndex,
			description: 'Harvest account IDs are numbers, shown next to the token at https://id.getharvest.com/developers.',
		});
	}
	connection.accountId = accountId;
	return connection;
}

/**
 * When neither the node nor the credential names an account, the one account the token reaches is looked up
 * once and remembered for a while, so a trigger does not pay an extra request on every poll. Keyed by a hash
 * of the token, so another token never reuses the answer; only a speed-up, never needed for correctness.
 */
const ACCOUNT_CACHE_MS = 10 * 60_000;
const accountCache = new Map<string, { accountId: string; until: number }>();

function accountCacheKey(credentialType: string, apiBase: URL, credentials: IDataObject): string {
	const token = String(
		((credentials.oauthTokenData ?? {}) as IDataObject).access_token ?? credentials.accessToken ?? '',
	);
	return `${credentialType}|${apiBase.origin}|${createHash('sha256').update(token).digest('hex')}`;
}

function cachedAccount(key: string): string | undefined {
	const hit = accountCache.get(key);
	if (hit && hit.until > transportClock.now()) return hit.accountId;
	accountCache.delete(key);
	return undefined;
}

function rememberAccount(key: string, accountId: string): void {
	accountCache.set(key, { accountId, until: transportClock.now() + ACCOUNT_CACHE_MS });
}

/** Tests start every case without remembered accounts. */
export function forgetAccounts(): void {
	accountCache.clear();
}

export function apiUrl(ctx: HarvestContext, connection: Connection, path: string, itemIndex?: number): string {
	return accept(ctx, resolveApiUrl(connection.apiBase, path), itemIndex);
}

export async function listAccounts(ctx: HarvestContext, connection: Connection, itemIndex?: number): Promise<HarvestAccount[]> {
	const response = await send(ctx, connection, {
		method: 'GET',
		url: `${idBaseUrl(connection.apiBase)}/api/v2/accounts`,
		itemIndex,
		harvestId: true,
	});
	const accounts = Array.isArray(response.body.accounts) ? (response.body.accounts as IDataObject[]) : [];
	return accounts
		.filter((account) => (account.product ?? 'harvest') === 'harvest')
		.map((account) => ({ id: Number(account.id), name: String(account.name ?? account.id), product: 'harvest' }));
}
