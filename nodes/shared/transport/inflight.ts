/**
 * Identical reads that run at the same time share one request: the editor asks for the same list search on
 * every keystroke and for each picker of one kind. Only editor reads (load options and list searches) take part
 * unless a caller says otherwise (`share`), because a shared answer may come from a request that started a
 * moment before the caller asked: fine for a picker, wrong for a workflow that reads what it has just written.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import { isLoadOptionsContext, type Connection, type HarvestContext, type HarvestResponse } from './types';

interface Running {
	response: Promise<HarvestResponse>;
	callers: number;
}

const running = new Map<string, Running>();

/** Whether a GET may share: as the caller says, else only in the editor (a load-options context). */
export function mayShare(ctx: HarvestContext, share: boolean | undefined): boolean {
	if (share !== undefined) return share;
	return isLoadOptionsContext(ctx);
}

function sorted(value: IDataObject | Record<string, string> | undefined): Array<[string, unknown]> {
	return Object.entries(value ?? {})
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * What makes two reads the same: the token (hashed, never kept in clear), API host, account, URL, query and
 * headers. Another credential or account never shares.
 */
export function readKey(
	connection: Connection,
	read: { url: string; qs?: IDataObject; headers?: Record<string, string> },
): string {
	const identity = createHash('sha256').update(connection.secrets.join('\n')).digest('hex');
	return JSON.stringify([connection.credentialType, identity, connection.apiBase.href, connection.accountId, read.url, sorted(read.qs), sorted(read.headers)]);
}

/**
 * The answer of the read with this key that is already on its way, or of a new one. When several callers share
 * an answer each gets its own copy, so none sees another's changes to the records.
 */
export async function sharedRead(key: string, send: () => Promise<HarvestResponse>): Promise<HarvestResponse> {
	let entry = running.get(key);
	if (!entry) {
		const created: Running = { response: send(), callers: 0 };
		// Registered before any caller's continuation, so the count is final when the callers resume.
		const forget = () => {
			if (running.get(key) === created) running.delete(key);
		};
		created.response.then(forget, forget);
		running.set(key, created);
		entry = created;
	}
	entry.callers++;
	const response = await entry.response;
	return entry.callers > 1 ? deepCopy(response) : response;
}

/** Reads on their way now (for tests). */
export function readsInFlight(): number {
	return running.size;
}
