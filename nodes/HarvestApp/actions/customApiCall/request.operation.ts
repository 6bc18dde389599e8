import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { ENDPOINTS } from '../../../shared/catalogue';
import { HARVEST_METHODS, harvestPages, harvestRequestFull, MAX_PER_PAGE, type HarvestMethod } from '../../../shared/transport';
import { apiBaseUrl, credentialTypeFor, isProblem, resolveApiUrl } from '../../../shared/transport/connection';

import { invalid, readText, toBoolean, toJsonObject, toText } from '../../helpers/validation';
import { readHeaders, readMultipart, rowsOf } from './parts';

/** Methods that carry a body. */
const WITH_BODY: readonly string[] = ['PATCH', 'POST', 'PUT'];

const properties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. /users/me',
		description: 'Path below the API base (…/v2), or a full URL on the same Harvest host',
		hint: 'The credential’s token is sent only to the configured Harvest host',
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. is_active' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. true' },
				],
			},
		],
	},
	{
		displayName: 'Headers',
		name: 'headers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Header',
		default: {},
		hint: 'Authorization, Harvest-Account-Id and Host come from the credential and the account, and cannot be set here',
		options: [
			{
				displayName: 'Header',
				name: 'header',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Accept' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. application/json' },
				],
			},
		],
	},
	{
		displayName: 'Body',
		name: 'bodyType',
		type: 'options',
		options: [
			{ name: 'JSON', value: 'json' },
			{ name: 'Multipart Form Data', value: 'multipart', description: 'Text fields and files from the input item’s binary data' },
		],
		default: 'json',
		displayOptions: { show: { method: ['PATCH', 'POST', 'PUT'] } },
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		displayOptions: { show: { method: ['PATCH', 'POST', 'PUT'], bodyType: ['json'] } },
	},
	{
		displayName: 'Form Parts',
		name: 'formParts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Part',
		default: {},
		displayOptions: { show: { method: ['PATCH', 'POST', 'PUT'], bodyType: ['multipart'] } },
		options: [
			{
				displayName: 'Part',
				name: 'part',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. receipt' },
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'File From Binary Field', value: 'binary' },
							{ name: 'Text', value: 'text' },
						],
						default: 'text',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', displayOptions: { show: { type: ['text'] } } },
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						displayOptions: { show: { type: ['binary'] } },
						hint: 'The name of the input binary field that holds the file',
					},
				],
			},
		],
	},
	{
		displayName: 'Follow All Pages',
		name: 'followPages',
		type: 'boolean',
		default: false,
		description:
			'Whether to read every page of a list by following Harvest’s links.next (2000 records per request), returning one item per record',
		displayOptions: { show: { method: ['GET'] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customApiCall'], operation: ['request'] } }, properties);

/** The catalogue's list key for a path such as /projects/42/user_assignments, if Harvest documents that list. */
export function catalogueListKey(relativePath: string): string | undefined {
	const bare = relativePath.split(/[?#]/)[0].replace(/\/+$/, '');
	const row = ENDPOINTS.find(
		(e) => e.method === 'GET' && e.list && new RegExp(`^${e.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(bare),
	);
	return row?.list?.key;
}

/** The one array property of a list envelope (besides `links`). */
export function envelopeListKey(body: IDataObject): string | undefined {
	const keys = Object.keys(body).filter((key) => Array.isArray(body[key]));
	return keys.length === 1 ? keys[0] : undefined;
}

/**
 * Checks the path against the credential's API base before anything is sent: other hosts, paths outside
 * the base and `..` are refused here, so the token never leaves for them.
 */
async function checkedPath(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	const path = readText.call(this, itemIndex, 'path', 'Path');
	if (!path) invalid(this, itemIndex, 'Path', 'is required', 'Give a path such as /users/me.');
	const credentialType = credentialTypeFor(String(this.getNodeParameter('authentication', itemIndex, 'accessToken')));
	if (!credentialType) throw new NodeOperationError(this.getNode(), 'Unknown authentication', { itemIndex });
	const base = apiBaseUrl(await this.getCredentials(credentialType, itemIndex));
	if (isProblem(base)) throw new NodeOperationError(this.getNode(), base.problem, { itemIndex, description: base.description });
	const resolved = resolveApiUrl(base.value, path);
	if (isProblem(resolved)) invalid(this, itemIndex, 'Path', `is refused: ${resolved.problem}`, resolved.description);
	return resolved.value.slice(base.value.origin.length + base.value.pathname.length);
}

/** The method, matched without regard to case and sent in upper case; only those Harvest uses. */
function readMethod(this: IExecuteFunctions, itemIndex: number): HarvestMethod {
	const raw = this.getNodeParameter('method', itemIndex, 'GET');
	const method = toText({ ctx: this, itemIndex, label: 'Method' }, raw).trim().toUpperCase();
	if (!(HARVEST_METHODS as readonly string[]).includes(method)) {
		invalid(this, itemIndex, 'Method', `must be one of ${HARVEST_METHODS.join(', ')}, not ${JSON.stringify(raw)}`, 'Harvest uses no other methods.');
	}
	return method as HarvestMethod;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]> {
	// Everything is read and checked first: a refused value sends nothing.
	const method = readMethod.call(this, itemIndex);
	const path = await checkedPath.call(this, itemIndex);
	const qs: IDataObject = {};
	for (const { name, value } of rowsOf.call(this, itemIndex, 'queryParameters', 'Query Parameters', 'parameter')) {
		const key = toText({ ctx: this, itemIndex, label: 'Query Parameters › Name' }, name).trim();
		if (key) qs[key] = toText({ ctx: this, itemIndex, label: `Query Parameters › ${key}` }, value);
	}
	const headers = readHeaders.call(this, itemIndex);
	let body: IDataObject | FormData | undefined;
	if (WITH_BODY.includes(method)) {
		const bodyType = toText({ ctx: this, itemIndex, label: 'Body' }, this.getNodeParameter('bodyType', itemIndex, 'json'));
		if (bodyType === 'multipart') body = await readMultipart.call(this, itemIndex);
		else if (bodyType === 'json') body = toJsonObject({ ctx: this, itemIndex, label: 'JSON Body' }, this.getNodeParameter('jsonBody', itemIndex, '{}'));
		else invalid(this, itemIndex, 'Body', `must be json or multipart, not ${JSON.stringify(bodyType)}`);
	}
	const followPages =
		method === 'GET' && toBoolean({ ctx: this, itemIndex, label: 'Follow All Pages' }, this.getNodeParameter('followPages', itemIndex, false));
	// Every page is read at Harvest's largest size, so links.next keeps the size the transport asks for.
	if (followPages) qs.per_page = MAX_PER_PAGE;

	const knownKey = followPages ? catalogueListKey(path) : undefined;
	if (knownKey) return await collect.call(this, { path, listKey: knownKey, qs, headers, itemIndex });

	const response = await harvestRequestFull.call(this, { method, path, qs, body, headers, itemIndex });
	if (!followPages) return Object.keys(response.body).length ? response.body : { statusCode: response.statusCode };
	const listKey = envelopeListKey(response.body);
	if (!listKey) return response.body;
	const records = response.body[listKey] as IDataObject[];
	const next = (response.body.links as IDataObject | undefined)?.next;
	if (typeof next === 'string' && next) records.push(...(await collect.call(this, { path: next, listKey, headers, itemIndex })));
	return records;
}

async function collect(
	this: IExecuteFunctions,
	request: { path: string; listKey: string; qs?: IDataObject; headers: Record<string, string>; itemIndex: number },
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for await (const page of harvestPages.call(this, request)) records.push(...page.records);
	return records;
}
