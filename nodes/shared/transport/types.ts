import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

export type HarvestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface HarvestRequest {
	method: HarvestMethod;
	/** Below the API base (e.g. `/clients/42`), or an absolute URL on the configured API host. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | FormData;
	/**
	 * Extra headers (the Custom API Call's). They never replace what the transport sets: Authorization comes from
	 * the credential, Harvest-Account-Id and User-Agent from the connection. The caller refuses those names.
	 */
	headers?: Record<string, string>;
	itemIndex?: number;
	/**
	 * Whether a GET may share one request with an identical GET already on its way (see inflight.ts). Default:
	 * yes in the editor (load options, list searches), no in workflow runs and polls, where a read must not
	 * get an answer from before a write it follows.
	 */
	share?: boolean;
}

/** The methods Harvest's API uses. */
export const HARVEST_METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'] as const;
export type HarvestMethod = IHttpRequestMethods & (typeof HARVEST_METHODS)[number];

export interface HarvestResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: IDataObject;
}

export interface HarvestListRequest {
	path: string;
	/** Property of the response envelope that holds the records, from the catalogue. */
	listKey: string;
	qs?: IDataObject;
	/** Stop after this many records; undefined or 0 reads every page. */
	limit?: number;
	/** Extra headers for every page (see HarvestRequest.headers). */
	headers?: Record<string, string>;
	itemIndex?: number;
	/** Each page may share its request with an identical one on its way (see HarvestRequest.share). */
	share?: boolean;
}

export interface HarvestPage {
	records: IDataObject[];
	envelope: IDataObject;
	headers: Record<string, string>;
}

export interface HarvestAccount {
	id: number;
	name: string;
	product: string;
}

/** Harvest's largest page. */
export const MAX_PER_PAGE = 2000;
export const REQUEST_TIMEOUT_MS = 60_000;

/** Time source of the transport; tests swap it for a fake clock instead of waiting. */
export const transportClock = {
	now: (): number => Date.now(),
	sleep: async (ms: number): Promise<void> => await sleep(ms),
	random: (): number => Math.random(),
};

/** The credential, API base and account one execution talks to. */
export interface Connection {
	credentialType: string;
	apiBase: URL;
	accountId: string;
	/** Values that must never appear in a message. */
	secrets: string[];
}

/** The editor's contexts (list searches, option lists), where the same read is often asked for twice at once. */
export function isLoadOptionsContext(ctx: HarvestContext): ctx is ILoadOptionsFunctions {
	return typeof (ctx as ILoadOptionsFunctions).getCurrentNodeParameter === 'function';
}

export function isExecuteContext(ctx: HarvestContext): ctx is IExecuteFunctions {
	return typeof (ctx as IExecuteFunctions).getInputData === 'function';
}
