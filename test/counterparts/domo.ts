/**
 * Domo platform API stand-in (https://api.domo.com): the client-credentials token endpoint and the DataSet API
 * (create, list, get, update, delete, import and export CSV). Imports are CSV without a header row whose cells
 * must fit the schema's column types; REPLACE swaps all rows, APPEND adds. Every import is a new data version
 * (`dataVersion`, visible in the admin state only).
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { badRequest, Counterpart, notFound, objectBody } from './counterpart';
import { HttpError, isoNow, ok, parseCsv, toCsv, type CallRequest, type Reply } from './http';

const COLUMN_TYPES = ['STRING', 'LONG', 'DECIMAL', 'DOUBLE', 'DATE', 'DATETIME'] as const;
type ColumnType = (typeof COLUMN_TYPES)[number];

export interface Column {
	type: ColumnType;
	name: string;
}

export interface DomoDataSet {
	id: string;
	name: string;
	description: string;
	rows: number;
	columns: number;
	schema: { columns: Column[] };
	owner: { id: number; name: string };
	createdAt: string;
	updatedAt: string;
	dataCurrentAt: string | null;
	pdpEnabled: boolean;
}

interface Stored {
	meta: DomoDataSet;
	data: string[][];
	dataVersion: number;
}

const TOKEN_TTL_SECONDS = 3600;

/**
 * A cell as Domo keeps it: numbers and dates in one canonical form, so an export can differ in spelling from
 * what was imported (e.g. `1.50` comes back as `1.5`).
 */
function canonicalCell(value: string, type: ColumnType, where: string): string {
	if (value === '') return '';
	switch (type) {
		case 'LONG':
			if (!/^-?\d+$/.test(value)) badRequest(`${where}: "${value}" is not a LONG`);
			return String(Number(value));
		case 'DECIMAL':
		case 'DOUBLE':
			if (Number.isNaN(Number(value)) || !/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) badRequest(`${where}: "${value}" is not a ${type}`);
			return String(Number(value));
		case 'DATE':
			if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) badRequest(`${where}: "${value}" is not a DATE (yyyy-MM-dd)`);
			return value;
		case 'DATETIME': {
			const time = Date.parse(value);
			if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?/.test(value) || Number.isNaN(time)) badRequest(`${where}: "${value}" is not a DATETIME`);
			return new Date(time).toISOString().replace('.000Z', '').replace('Z', '');
		}
		default:
			return value;
	}
}

export class DomoStandIn extends Counterpart {
	readonly name = 'domo';
	readonly clientId: string;
	readonly clientSecret: string;
	private tokens = new Map<string, number>();
	private datasets = new Map<string, Stored>();

	constructor(options: { clientId?: string; clientSecret?: string } = {}) {
		super();
		this.clientId = options.clientId ?? `domo-${randomBytes(6).toString('hex')}`;
		this.clientSecret = options.clientSecret ?? randomBytes(20).toString('hex');
	}

	info(origin: string) {
		return { url: `${origin}/domo`, tokenUrl: `${origin}/domo/oauth/token`, clientId: this.clientId, clientSecret: this.clientSecret, scope: 'data' };
	}

	errorBody(status: number, message: string) {
		const reason = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found' }[status] ?? 'Error';
		return { status, statusReason: reason, message, toe: randomBytes(6).toString('hex').toUpperCase() };
	}

	state() {
		return {
			datasets: [...this.datasets.values()].map((d) => ({ ...structuredClone(d.meta), data: structuredClone(d.data), dataVersion: d.dataVersion })),
		};
	}

	reset(): void {
		this.datasets.clear();
		this.tokens.clear();
	}

	/** `{datasets: [{name, schema: {columns}, data?: string[][]}]}` */
	seed(input: Record<string, unknown>) {
		const list = input.datasets;
		if (!Array.isArray(list)) badRequest('seed: datasets must be a list');
		return {
			datasets: list.map((entry) => {
				const body = objectBody(entry);
				const created = this.create(body);
				if (Array.isArray(body.data)) this.importRows(this.datasets.get(created.id)!, (body.data as unknown[][]).map((r) => r.map(String)), 'REPLACE');
				return this.datasets.get(created.id)!.meta;
			}),
		};
	}

	isWrite(req: CallRequest): boolean {
		return req.method !== 'GET' && !req.path.startsWith('/oauth/');
	}

	handle(req: CallRequest): Reply {
		if (req.path === '/oauth/token') return this.token(req);
		if (!req.internal) this.authenticate(req);
		const parts = req.path.split('/').filter(Boolean);
		if (parts[0] !== 'v1' || parts[1] !== 'datasets') notFound(`No endpoint ${req.method} ${req.path}`);
		const [id, sub] = parts.slice(2);
		if (id === undefined) {
			if (req.method === 'GET') return ok(this.list(req.query));
			if (req.method === 'POST') return ok(this.create(objectBody(req.body)), 201);
			notFound(`No endpoint ${req.method} ${req.path}`);
		}
		const stored = this.datasets.get(id);
		if (!stored) notFound(`DataSet ${id} not found`);
		if (sub === 'data') {
			if (req.method === 'PUT') {
				if (typeof req.body !== 'string' && req.rawBody !== '') badRequest('The body must be text/csv');
				const method = req.query.get('updateMethod') === 'APPEND' ? 'APPEND' : 'REPLACE';
				this.importRows(stored, parseCsv(req.rawBody), method);
				return { status: 204 };
			}
			if (req.method === 'GET') {
				const header = req.query.get('includeHeader') === 'true' ? [stored.meta.schema.columns.map((c) => c.name)] : [];
				return { status: 200, body: toCsv([...header, ...stored.data]), contentType: 'text/csv; charset=utf-8' };
			}
			notFound(`No endpoint ${req.method} ${req.path}`);
		}
		if (sub !== undefined) notFound(`No endpoint ${req.method} ${req.path}`);
		if (req.method === 'GET') return ok(structuredClone(stored.meta));
		if (req.method === 'PUT') return ok(this.update(stored, objectBody(req.body)));
		if (req.method === 'DELETE') {
			this.datasets.delete(id);
			return { status: 204 };
		}
		notFound(`No endpoint ${req.method} ${req.path}`);
	}

	/** Client credentials: HTTP Basic (or client_id/client_secret in the body), grant_type=client_credentials. */
	private token(req: CallRequest): Reply {
		const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
		const param = (name: string) => req.query.get(name) ?? (form[name] === undefined ? undefined : String(form[name]));
		let id = param('client_id');
		let secret = param('client_secret');
		const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
		if (basic) [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
		if (param('grant_type') !== 'client_credentials') throw new HttpError(400, { error: 'unsupported_grant_type', error_description: 'Use grant_type=client_credentials' });
		if (id !== this.clientId || secret !== this.clientSecret) throw new HttpError(401, { error: 'invalid_client', error_description: 'Bad client credentials' });
		const token = randomBytes(24).toString('hex');
		this.tokens.set(token, Date.now() + TOKEN_TTL_SECONDS * 1000);
		return ok({ access_token: token, token_type: 'bearer', expires_in: TOKEN_TTL_SECONDS, scope: param('scope') ?? 'data', customer: 'standin', role: 'Admin' });
	}

	private authenticate(req: CallRequest): void {
		const match = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
		const expires = match ? this.tokens.get(match[1]) : undefined;
		if (!expires || expires < Date.now()) throw new HttpError(401, 'Full authentication is required to access this resource');
	}

	private list(query: URLSearchParams): DomoDataSet[] {
		const limit = query.has('limit') ? Number(query.get('limit')) : 50;
		const offset = query.has('offset') ? Number(query.get('offset')) : 0;
		if (!Number.isInteger(limit) || limit < 1 || limit > 50) badRequest('limit must be 1–50');
		if (!Number.isInteger(offset) || offset < 0) badRequest('offset must be 0 or more');
		const nameLike = (query.get('nameLike') ?? '').toLowerCase();
		const sort = query.get('sort') ?? 'name';
		const all = [...this.datasets.values()].map((d) => d.meta).filter((d) => d.name.toLowerCase().includes(nameLike));
		all.sort((a, b) => (sort.replace(/^-/, '') === 'name' ? a.name.localeCompare(b.name) : a.updatedAt.localeCompare(b.updatedAt)) * (sort.startsWith('-') ? -1 : 1));
		return structuredClone(all.slice(offset, offset + limit));
	}

	private schema(value: unknown): { columns: Column[] } {
		const columns = (value as { columns?: unknown } | undefined)?.columns;
		if (!Array.isArray(columns) || columns.length === 0) badRequest('schema.columns must be a non-empty list');
		const seen = new Set<string>();
		return {
			columns: columns.map((c, i) => {
				const column = objectBody(c);
				if (typeof column.name !== 'string' || !column.name) badRequest(`schema.columns[${i}].name is required`);
				if (!COLUMN_TYPES.includes(column.type as ColumnType)) badRequest(`schema.columns[${i}].type must be one of ${COLUMN_TYPES.join(', ')}`);
				if (seen.has(column.name)) badRequest(`schema.columns: "${column.name}" appears twice`);
				seen.add(column.name);
				return { type: column.type as ColumnType, name: column.name };
			}),
		};
	}

	private create(body: Record<string, unknown>): DomoDataSet {
		if (typeof body.name !== 'string' || !body.name.trim()) badRequest('name is required');
		const schema = this.schema(body.schema);
		const now = isoNow();
		const meta: DomoDataSet = {
			id: randomUUID(),
			name: body.name,
			description: typeof body.description === 'string' ? body.description : '',
			rows: 0,
			columns: schema.columns.length,
			schema,
			owner: { id: 1, name: 'API client' },
			createdAt: now,
			updatedAt: now,
			dataCurrentAt: null,
			pdpEnabled: false,
		};
		this.datasets.set(meta.id, { meta, data: [], dataVersion: 0 });
		return structuredClone(meta);
	}

	private update(stored: Stored, body: Record<string, unknown>): DomoDataSet {
		if (body.name !== undefined) {
			if (typeof body.name !== 'string' || !body.name.trim()) badRequest('name must be text');
			stored.meta.name = body.name;
		}
		if (body.description !== undefined) stored.meta.description = String(body.description);
		if (body.schema !== undefined) {
			stored.meta.schema = this.schema(body.schema);
			stored.meta.columns = stored.meta.schema.columns.length;
		}
		stored.meta.updatedAt = isoNow();
		return structuredClone(stored.meta);
	}

	private importRows(stored: Stored, rows: string[][], method: 'REPLACE' | 'APPEND'): void {
		const columns = stored.meta.schema.columns;
		const checked = rows.map((row, r) => {
			if (row.length !== columns.length) {
				throw new HttpError(400, `Data import failed for dataset ${stored.meta.id}: row ${r + 1} has ${row.length} values, the schema has ${columns.length} columns`);
			}
			return row.map((cell, c) => canonicalCell(cell, columns[c].type, `row ${r + 1}, column ${columns[c].name}`));
		});
		const next = method === 'APPEND' ? [...stored.data, ...checked] : checked;
		stored.data = next;
		stored.meta.rows = next.length;
		stored.meta.dataCurrentAt = isoNow();
		stored.meta.updatedAt = isoNow();
		// Domo makes a new data version on every import, whether or not the rows changed.
		stored.dataVersion++;
	}
}
