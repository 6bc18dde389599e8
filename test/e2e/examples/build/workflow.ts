/**
 * A small builder for the example workflows: nodes are written as calls (one per node, with its place on a
 * grid), connections as chains. `index.ts` writes the importable JSON next to this folder.
 */
import { createHash } from 'crypto';

export type Params = Record<string, unknown>;

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Params;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	executeOnce?: boolean;
	alwaysOutputData?: boolean;
	onError?: string;
	notesInFlow?: boolean;
	notes?: string;
}

export interface WorkflowJson {
	id: string;
	name: string;
	active: boolean;
	settings: Params;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	meta: Params;
	pinData: Params;
}

/** The credentials the examples name. `npm start` creates them; the e2e tier maps them to its own. */
export const CREDENTIALS = {
	harvest: { type: 'harvestAppApi', id: 'harvestAppDemo01', name: 'Harvest (sandbox demo)' },
	bitrix24: { type: 'httpQueryAuth', id: 'bitrix24Demo0001', name: 'Bitrix24 (stand-in demo)' },
	domo: { type: 'oAuth2Api', id: 'domoDemo00000001', name: 'Domo (stand-in demo)' },
	runn: { type: 'httpHeaderAuth', id: 'runnDemo00000001', name: 'Runn (stand-in demo)' },
	upsales: { type: 'httpQueryAuth', id: 'upsalesDemo00001', name: 'Upsales (stand-in demo)' },
} as const;

export type Counterpart = Exclude<keyof typeof CREDENTIALS, 'harvest'>;

/** Where the stand-ins listen in `npm start` (it moves the examples' base URLs when it has to use another port). */
export const STAND_IN_ORIGIN = 'http://127.0.0.1:5690';

const GRID_X = 240;
const GRID_Y = 180;

/** A stable id per workflow and node name, so regenerating the JSON changes nothing that did not change. */
function stableId(workflow: string, name: string): string {
	const hex = createHash('sha256').update(`${workflow}/${name}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class Workflow {
	private readonly nodes: WorkflowNode[] = [];
	private readonly connections: WorkflowJson['connections'] = {};

	constructor(
		readonly id: string,
		readonly name: string,
	) {}

	/** Adds a node at grid column `x`, row `y` (fractions allowed); returns its name for connections. */
	add(node: Omit<WorkflowNode, 'id' | 'position'> & { at: [number, number] }): string {
		if (this.nodes.some((n) => n.name === node.name)) throw new Error(`${this.name}: two nodes named "${node.name}"`);
		const { at, ...rest } = node;
		this.nodes.push({ id: stableId(this.id, node.name), ...rest, position: [Math.round(at[0] * GRID_X), Math.round(at[1] * GRID_Y)] });
		return node.name;
	}

	/** Connects output `output` of `from` to input `input` of `to`. */
	connect(from: string, to: string, output = 0, input = 0): void {
		const outputs = (this.connections[from] ??= { main: [] }).main;
		while (outputs.length <= output) outputs.push([]);
		outputs[output].push({ node: to, type: 'main', index: input });
	}

	/** from → a → b → …, each on output 0. */
	chain(...names: string[]): void {
		for (let i = 1; i < names.length; i++) this.connect(names[i - 1], names[i]);
	}

	toJSON(): WorkflowJson {
		const names = new Set(this.nodes.map((n) => n.name));
		for (const [from, { main }] of Object.entries(this.connections)) {
			if (!names.has(from)) throw new Error(`${this.name}: connection from unknown node "${from}"`);
			for (const target of main.flat()) if (!names.has(target.node)) throw new Error(`${this.name}: connection to unknown node "${target.node}"`);
		}
		return {
			id: this.id,
			name: this.name,
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: this.nodes,
			connections: this.connections,
			meta: { templateCredsSetupCompleted: true },
			pinData: {},
		};
	}
}

// ---- node helpers -------------------------------------------------------------------------------------------

type At = { at: [number, number] };

export function sticky(name: string, at: [number, number], size: [number, number], content: string, color = 7) {
	return {
		name,
		at,
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		parameters: { content, width: size[0], height: size[1], color },
	};
}

export function manual(name: string, at: [number, number]) {
	return { name, at, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
}

export function schedule(name: string, at: [number, number], rule: Params) {
	return { name, at, type: 'n8n-nodes-base.scheduleTrigger', typeVersion: 1.2, parameters: { rule: { interval: [rule] } } };
}

export function webhook(name: string, at: [number, number], path: string, workflowId: string) {
	return {
		name,
		at,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: stableId(workflowId, `webhook:${path}`),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
}

export function noOp(name: string, at: [number, number]) {
	return { name, at, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
}

/** A Set node; each field is `[type, value]` (type string | number | boolean | array | object). */
export function set(name: string, at: [number, number], fields: Record<string, [string, unknown]>, options: { keepInput?: boolean } = {}) {
	return {
		name,
		at,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			assignments: {
				assignments: Object.entries(fields).map(([field, [type, value]], i) => ({ id: `${name}-${i}`, name: field, value, type })),
			},
			...(options.keepInput ? { includeOtherFields: true } : {}),
			options: {},
		},
	};
}

/** A Code node (JavaScript), once for all items, or once for each item (`$json`, `.item` pairing) with `eachItem`. */
export function code(name: string, at: [number, number], jsCode: string, options: { eachItem?: boolean } = {}) {
	const parameters: Params = options.eachItem ? { mode: 'runOnceForEachItem', jsCode: jsCode.trim() } : { jsCode: jsCode.trim() };
	return { name, at, type: 'n8n-nodes-base.code', typeVersion: 2, parameters };
}

function condition(name: string, expression: string) {
	return {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [{ id: `${name}-0`, leftValue: `={{ ${expression} }}`, rightValue: '', operator: { type: 'boolean', operation: 'true', singleValue: true } }],
			combinator: 'and',
		},
		options: {},
	};
}

/** An If node on one boolean expression (without `{{ }}`): output 0 true, output 1 false. */
export function ifTrue(name: string, at: [number, number], expression: string) {
	return { name, at, type: 'n8n-nodes-base.if', typeVersion: 2.2, parameters: condition(name, expression) };
}

/** A Filter node keeping the items for which the expression is true. */
export function keep(name: string, at: [number, number], expression: string) {
	return { name, at, type: 'n8n-nodes-base.filter', typeVersion: 2.2, parameters: condition(name, expression) };
}

export function harvest(name: string, at: [number, number], resource: string, operation: string, parameters: Params = {}, extra: Partial<WorkflowNode> = {}) {
	const { type, id, name: credential } = CREDENTIALS.harvest;
	return {
		name,
		at,
		type: 'n8n-nodes-harvestapp.harvestApp',
		typeVersion: 1,
		parameters: { authentication: 'accessToken', resource, operation, ...parameters },
		credentials: { [type]: { id, name: credential } },
		...extra,
	};
}

/** A record picker given by ID (the way an expression fills a Harvest locator). */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export interface HttpOptions {
	method?: string;
	/** Full URL expression, usually `{{ $('Settings').first().json.…Url }}/…`. */
	url: string;
	query?: Record<string, string>;
	headers?: Record<string, string>;
	/** A JSON body expression (without `={{ }}`; it is wrapped in JSON.stringify). */
	json?: string;
	/** A raw body: content type and expression. */
	raw?: { contentType: string; body: string };
	pagination?: Params;
	/** Answer read as text into `data` (CSV exports). */
	text?: boolean;
}

/** An HTTP Request node authenticated with the counterpart's credential. */
export function http(name: string, at: [number, number], counterpart: Counterpart, options: HttpOptions, extra: Partial<WorkflowNode> = {}) {
	const { type, id, name: credential } = CREDENTIALS[counterpart];
	const parameters: Params = {
		method: options.method ?? 'GET',
		url: options.url,
		authentication: 'genericCredentialType',
		genericAuthType: type,
	};
	if (options.query) {
		parameters.sendQuery = true;
		parameters.queryParameters = { parameters: Object.entries(options.query).map(([n, value]) => ({ name: n, value })) };
	}
	if (options.headers) {
		parameters.sendHeaders = true;
		parameters.headerParameters = { parameters: Object.entries(options.headers).map(([n, value]) => ({ name: n, value })) };
	}
	if (options.json) {
		parameters.sendBody = true;
		parameters.specifyBody = 'json';
		parameters.jsonBody = `={{ JSON.stringify(${options.json}) }}`;
	}
	if (options.raw) {
		parameters.sendBody = true;
		parameters.contentType = 'raw';
		parameters.rawContentType = options.raw.contentType;
		parameters.body = options.raw.body;
	}
	const httpOptions: Params = {};
	if (options.pagination) httpOptions.pagination = { pagination: options.pagination };
	if (options.text) httpOptions.response = { response: { responseFormat: 'text', outputPropertyName: 'data' } };
	parameters.options = httpOptions;
	return {
		name,
		at,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters,
		credentials: { [type]: { id, name: credential } },
		...extra,
	};
}

/** Pagination: follow the URL an expression builds from the last answer until `done` is true. */
export function nextUrlPagination(nextUrl: string, done: string): Params {
	return {
		paginationMode: 'responseContainsNextURL',
		nextURL: `={{ ${nextUrl} }}`,
		paginationCompleteWhen: 'other',
		completeExpression: `={{ ${done} }}`,
		limitPagesFetched: true,
		maxRequests: 200,
	};
}

/** Pagination: set one parameter per page (e.g. offset = page × size) until `done` is true. */
export function parameterPagination(type: 'qs' | 'body', name: string, value: string, done: string): Params {
	return {
		paginationMode: 'updateAParameterInEachRequest',
		parameters: { parameters: [{ type, name, value: `={{ ${value} }}` }] },
		paginationCompleteWhen: 'other',
		completeExpression: `={{ ${done} }}`,
		limitPagesFetched: true,
		maxRequests: 200,
	};
}

export type NodeSpec = ReturnType<typeof sticky> | (Omit<WorkflowNode, 'id' | 'position'> & At);
