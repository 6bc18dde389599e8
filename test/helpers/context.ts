/**
 * Minimal n8n execution contexts for jest. They behave like n8n where our code can tell the difference:
 * parameters (including resource-locator `extractValue`), credentials applied by `httpRequestWithAuthentication`
 * (generic `authenticate` headers, or OAuth2 bearer tokens with a refresh on 401), errors wrapped in
 * NodeApiError the way n8n-core wraps them, and real HTTP through n8n's own request function, so tests talk
 * to the sandbox or to nock.
 */
import * as path from 'path';

import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	IPollFunctions,
	ICredentialType,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { HarvestAppApi } from '../../credentials/HarvestAppApi.credentials';
import { HarvestAppOAuth2Api } from '../../credentials/HarvestAppOAuth2Api.credentials';

// n8n-core sends node requests through this function (axios underneath); using it keeps query, body,
// multipart and error shapes identical to a real n8n.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { httpRequest } = require(path.join(path.dirname(require.resolve('@n8n/backend-network')), 'http/axios/request.js')) as {
	httpRequest: (options: IHttpRequestOptions) => Promise<unknown>;
};

const CREDENTIAL_CLASSES: Record<string, ICredentialType> = {
	harvestAppApi: new HarvestAppApi(),
	harvestAppOAuth2Api: new HarvestAppOAuth2Api(),
};

export type CredentialData = Record<string, IDataObject>;

/** Every HTTP request the context sent, after credentials were applied (for assertions). */
export interface SentRequest {
	method: string;
	url: string;
	qs?: IDataObject;
	headers: IDataObject;
	body?: unknown;
}

interface BaseOptions {
	nodeType?: INodeType;
	credentials: CredentialData;
	node?: Partial<INode>;
}

export interface ExecuteOptions extends BaseOptions {
	parameters: IDataObject | ((itemIndex: number) => IDataObject);
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
}

export interface PollOptions extends BaseOptions {
	parameters: IDataObject;
	/** The node's static data. */
	staticData?: IDataObject;
	/** The workflow's global static data (n8n keeps it apart from the node's). */
	globalStaticData?: IDataObject;
	mode?: 'trigger' | 'manual';
	activationMode?: 'init' | 'create' | 'update' | 'activate' | 'manual' | 'leadershipChange';
	/** Workflow id the poll belongs to (one poll at a time runs per workflow and node). */
	workflowId?: string;
}

export interface LoadOptionsOptions extends BaseOptions {
	parameters: IDataObject;
}

export function sandboxCredentials(sandbox: { url: string; token: string; accountId: string }): CredentialData {
	return { harvestAppApi: { accessToken: sandbox.token, accountId: sandbox.accountId, baseUrl: sandbox.url } };
}

function getPath(source: IDataObject, name: string): unknown {
	return name.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], source);
}

function findProperty(nodeType: INodeType | undefined, name: string): INodeProperties | undefined {
	return nodeType?.description.properties.find((p) => p.name === name && p.type === 'resourceLocator');
}

/** Like n8n's `extractValue`: resource-locator values reduced to the id, using the mode's regex. */
function extractLocatorValue(nodeType: INodeType | undefined, name: string, value: unknown): unknown {
	if (!value || typeof value !== 'object' || !('mode' in (value as IDataObject))) return value;
	const locator = value as { mode: string; value: unknown };
	const property = findProperty(nodeType, name);
	const mode = property?.modes?.find((m) => m.name === locator.mode);
	const extract = mode?.extractValue;
	if (extract && extract.type === 'regex' && typeof locator.value === 'string') {
		const match = new RegExp(extract.regex).exec(locator.value);
		if (!match) throw new Error(`ERROR: ${property?.displayName ?? name} parameter's value is invalid. Please enter a valid ${mode?.displayName}.`);
		return match[1];
	}
	return locator.value;
}

function makeNode(options: BaseOptions, parameters: IDataObject): INode {
	return {
		id: 'node-under-test',
		name: options.nodeType?.description.defaults.name ?? 'Harvest App',
		type: `n8n-nodes-harvestapp.${options.nodeType?.description.name ?? 'harvestApp'}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		...options.node,
	};
}

function resolveTemplate(template: string, credentials: IDataObject): string {
	const text = template.startsWith('=') ? template.slice(1) : template;
	return text.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) => String(credentials[key] ?? ''));
}

function statusOf(error: unknown): number | undefined {
	const e = error as { response?: { status?: number } };
	return e.response?.status;
}

async function refreshOAuth2(credentials: IDataObject): Promise<void> {
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	const form = new URLSearchParams({
		grant_type: 'refresh_token',
		refresh_token: String(tokenData.refresh_token ?? ''),
		client_id: String(credentials.clientId ?? ''),
		client_secret: String(credentials.clientSecret ?? ''),
	});
	const response = (await httpRequest({
		method: 'POST',
		url: String(credentials.accessTokenUrl),
		body: form.toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		json: true,
	})) as IDataObject;
	credentials.oauthTokenData = { ...tokenData, ...response };
}

function makeHttp(options: BaseOptions, node: () => INode, sent: SentRequest[]) {
	return async function httpRequestWithAuthentication(
		this: unknown,
		credentialType: string,
		requestOptions: IHttpRequestOptions,
	): Promise<unknown> {
		const definition = CREDENTIAL_CLASSES[credentialType];
		const credentials = options.credentials[credentialType];
		if (!definition || !credentials) throw new Error(`Node "${node().name}" does not have any credentials of type "${credentialType}" set`);
		const isOAuth2 = (definition.extends ?? []).includes('oAuth2Api');
		const sign = (): IHttpRequestOptions => {
			const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
			if (isOAuth2) {
				headers.Authorization = `Bearer ${String((credentials.oauthTokenData as IDataObject | undefined)?.access_token ?? '')}`;
			} else if (definition.authenticate && typeof definition.authenticate === 'object') {
				const extra = (definition.authenticate.properties.headers ?? {}) as IDataObject;
				for (const [name, template] of Object.entries(extra)) headers[name] = resolveTemplate(String(template), credentials);
			}
			return { ...requestOptions, headers };
		};
		const attempt = async (): Promise<unknown> => {
			const signed = sign();
			sent.push({ method: signed.method ?? 'GET', url: signed.url, qs: signed.qs, headers: signed.headers as IDataObject, body: signed.body });
			return await httpRequest(signed);
		};
		try {
			return await attempt();
		} catch (error) {
			if (isOAuth2 && statusOf(error) === 401 && (credentials.oauthTokenData as IDataObject | undefined)?.refresh_token) {
				try {
					await refreshOAuth2(credentials);
					return await attempt();
				} catch (retryError) {
					throw new NodeApiError(node(), retryError as never);
				}
			}
			throw new NodeApiError(node(), error as never);
		}
	};
}

function binaryHelpers(items: INodeExecutionData[]) {
	return {
		assertBinaryData(itemIndex: number, propertyName: string): IBinaryData {
			const binary = items[itemIndex]?.binary?.[propertyName];
			if (!binary) throw new Error(`This operation expects the node's input data to contain a binary file '${propertyName}', but none was found [item ${itemIndex}]`);
			return binary;
		},
		async getBinaryDataBuffer(itemIndex: number, propertyName: string): Promise<Buffer> {
			const binary = items[itemIndex]?.binary?.[propertyName];
			if (!binary) throw new Error(`No binary data "${propertyName}" on item ${itemIndex}`);
			return Buffer.from(binary.data, 'base64');
		},
		async prepareBinaryData(buffer: Buffer, fileName?: string, mimeType?: string): Promise<IBinaryData> {
			return { data: buffer.toString('base64'), fileName, mimeType: mimeType ?? 'application/octet-stream' };
		},
	};
}

function jsonArrayHelpers() {
	return {
		returnJsonArray(data: IDataObject | IDataObject[]): INodeExecutionData[] {
			return (Array.isArray(data) ? data : [data]).map((json) => ({ json }));
		},
		constructExecutionMetaData(
			data: INodeExecutionData[],
			meta: { itemData: { item: number } },
		): INodeExecutionData[] {
			return data.map((entry) => ({ ...entry, pairedItem: meta.itemData }));
		},
	};
}

export type TestExecuteContext = IExecuteFunctions & { sent: SentRequest[] };

export function createExecuteContext(options: ExecuteOptions): TestExecuteContext {
	const items = options.items ?? [{ json: {} }];
	const sent: SentRequest[] = [];
	const paramsFor = (i: number): IDataObject =>
		typeof options.parameters === 'function' ? options.parameters(i) : options.parameters;
	const node = () => makeNode(options, paramsFor(0));
	const context = {
		sent,
		getInputData: () => items,
		getNode: node,
		getMode: () => 'manual',
		getTimezone: () => 'UTC',
		continueOnFail: () => options.continueOnFail ?? false,
		getCredentials: async (type: string) => {
			const credentials = options.credentials[type];
			if (!credentials) throw new Error(`Node "${node().name}" does not have any credentials of type "${type}" set`);
			return credentials;
		},
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown, extra?: { extractValue?: boolean }) {
			const value = getPath(paramsFor(itemIndex), name);
			if (value === undefined) {
				if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
				return fallback;
			}
			return extra?.extractValue ? extractLocatorValue(options.nodeType, name, value) : value;
		},
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: {
			httpRequestWithAuthentication: makeHttp(options, node, sent),
			// Requests without any credential (file downloads off the API host): recorded like the others.
			async httpRequest(requestOptions: IHttpRequestOptions): Promise<unknown> {
				sent.push({ method: requestOptions.method ?? 'GET', url: requestOptions.url, qs: requestOptions.qs, headers: (requestOptions.headers ?? {}) as IDataObject, body: requestOptions.body });
				return await httpRequest(requestOptions);
			},
			...binaryHelpers(items),
			...jsonArrayHelpers(),
		},
	};
	return context as unknown as TestExecuteContext;
}

export type TestPollContext = IPollFunctions & { sent: SentRequest[]; staticData: IDataObject; globalStaticData: IDataObject };

export function createPollContext(options: PollOptions): TestPollContext {
	const sent: SentRequest[] = [];
	const staticData = options.staticData ?? {};
	const globalStaticData = options.globalStaticData ?? {};
	const node = () => makeNode(options, options.parameters);
	const context = {
		sent,
		staticData,
		globalStaticData,
		getNode: node,
		getWorkflow: () => ({ id: options.workflowId ?? 'workflow-under-test', name: 'Workflow under test', active: true }),
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => options.activationMode ?? 'activate',
		getTimezone: () => 'UTC',
		getWorkflowStaticData: (type: string) => (type === 'global' ? globalStaticData : staticData),
		getCredentials: async (type: string) => {
			const credentials = options.credentials[type];
			if (!credentials) throw new Error(`Node "${node().name}" does not have any credentials of type "${type}" set`);
			return credentials;
		},
		getNodeParameter(name: string, fallback?: unknown, extra?: { extractValue?: boolean }) {
			const value = getPath(options.parameters, name);
			if (value === undefined) {
				if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
				return fallback;
			}
			return extra?.extractValue ? extractLocatorValue(options.nodeType, name, value) : value;
		},
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: { httpRequestWithAuthentication: makeHttp(options, node, sent), ...jsonArrayHelpers() },
	};
	return context as unknown as TestPollContext;
}

export type TestLoadOptionsContext = ILoadOptionsFunctions & { sent: SentRequest[] };

export function createLoadOptionsContext(options: LoadOptionsOptions): TestLoadOptionsContext {
	const sent: SentRequest[] = [];
	const node = () => makeNode(options, options.parameters);
	const context = {
		sent,
		getNode: node,
		getCredentials: async (type: string) => {
			const credentials = options.credentials[type];
			if (!credentials) throw new Error(`Node "${node().name}" does not have any credentials of type "${type}" set`);
			return credentials;
		},
		getCurrentNodeParameter: (name: string) => getPath(options.parameters, name),
		getNodeParameter(name: string, fallback?: unknown) {
			const value = getPath(options.parameters, name);
			return value === undefined ? fallback : value;
		},
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: { httpRequestWithAuthentication: makeHttp(options, node, sent) },
	};
	return context as unknown as TestLoadOptionsContext;
}
