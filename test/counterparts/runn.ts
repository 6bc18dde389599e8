/**
 * Runn API v1 stand-in (https://api.runn.io): clients, projects, roles, people, contracts and actuals.
 * Bearer token and the mandatory `Accept-Version: 1.0.0` header; lists page with `limit` (≤ 200) and an opaque
 * `cursor`, answering `{values, nextCursor}`. Records carry `references: [{referenceName, externalId}]`, which
 * is how an import remembers where a record came from. POST /actuals writes the one actual of a
 * (date, person, project, role), replacing its minutes.
 */
import { randomBytes } from 'node:crypto';

import { badRequest, Counterpart, notFound, objectBody } from './counterpart';
import { HttpError, isoNow, ok, type CallRequest, type Reply } from './http';

export interface Reference {
	referenceName: string;
	externalId: string;
}

interface Stamped {
	id: number;
	createdAt: string;
	updatedAt: string;
}

export interface RunnClient extends Stamped {
	name: string;
	website: string | null;
	isArchived: boolean;
	references: Reference[];
}

export interface RunnProject extends Stamped {
	name: string;
	clientId: number;
	isArchived: boolean;
	isConfirmed: boolean;
	isTemplate: boolean;
	pricingModel: string;
	budget: number | null;
	references: Reference[];
	tags: string[];
}

export interface RunnRole extends Stamped {
	name: string;
	isArchived: boolean;
	defaultHourCost: number;
	references: Reference[];
}

export interface RunnPerson extends Stamped {
	firstName: string;
	lastName: string;
	email: string | null;
	isArchived: boolean;
	references: Reference[];
	tags: string[];
}

export interface RunnContract extends Stamped {
	personId: number;
	roleId: number;
	startDate: string;
	endDate: string | null;
	employmentType: string;
	minutesPerDay: number;
}

export interface RunnActual extends Stamped {
	date: string;
	billableMinutes: number;
	nonbillableMinutes: number;
	billableNote: string;
	nonbillableNote: string;
	personId: number;
	projectId: number;
	roleId: number;
	phaseId: number | null;
	workstreamId: number | null;
}

/** Everything the Runn stand-in stores (its admin state). */
export interface RunnTables {
	clients: RunnClient[];
	projects: RunnProject[];
	roles: RunnRole[];
	people: RunnPerson[];
	contracts: RunnContract[];
	actuals: RunnActual[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_LIMIT = 200;

function emptyTables(): RunnTables {
	return { clients: [], projects: [], roles: [], people: [], contracts: [], actuals: [] };
}

function text(value: unknown, field: string, required = false): string | undefined {
	if (value === undefined || value === null || value === '') {
		if (required) badRequest(`body/${field} is required`);
		return undefined;
	}
	if (typeof value !== 'string') badRequest(`body/${field} must be string`);
	return value;
}

function integer(value: unknown, field: string, { required = false, min = 0 } = {}): number | undefined {
	if (value === undefined || value === null) {
		if (required) badRequest(`body/${field} is required`);
		return undefined;
	}
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min) badRequest(`body/${field} must be an integer >= ${min}`);
	return value;
}

function references(value: unknown): Reference[] | undefined {
	if (value === undefined) return undefined;
	if (!Array.isArray(value)) badRequest('body/references must be array');
	return value.map((ref, i) => {
		const r = ref as Record<string, unknown>;
		if (!r || typeof r.referenceName !== 'string' || typeof r.externalId !== 'string' || !r.referenceName || !r.externalId) {
			badRequest(`body/references/${i} must have string referenceName and externalId`);
		}
		return { referenceName: r.referenceName as string, externalId: r.externalId as string };
	});
}

export class RunnStandIn extends Counterpart {
	readonly name = 'runn';
	readonly token: string;
	private tables = emptyTables();
	private nextId = 1;

	constructor(options: { token?: string } = {}) {
		super();
		this.token = options.token ?? `TEST_${randomBytes(12).toString('hex')}`;
	}

	info(origin: string) {
		return { url: `${origin}/runn`, token: this.token, acceptVersion: '1.0.0' };
	}

	errorBody(status: number, message: string) {
		const error = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 422: 'Unprocessable Entity' }[status] ?? 'Error';
		return { statusCode: status, error, message };
	}

	state() {
		return structuredClone(this.tables) as unknown as Record<string, unknown>;
	}

	reset(): void {
		this.tables = emptyTables();
		this.nextId = 1;
	}

	/** `{clients?, projects?, roles?, people?: [{…, roleId}], actuals?}` through the API's own create rules. */
	seed(input: Record<string, unknown>) {
		const created: Record<string, unknown[]> = {};
		for (const key of ['roles', 'clients', 'projects', 'people', 'actuals'] as const) {
			const list = input[key];
			if (list === undefined) continue;
			if (!Array.isArray(list)) badRequest(`seed: ${key} must be a list`);
			created[key] = list.map((record) => this.create(key, objectBody(record)));
		}
		return created;
	}

	handle(req: CallRequest): Reply {
		if (!req.internal) this.authenticate(req);
		const parts = req.path.split('/').filter(Boolean);
		const [collection, idText, sub] = parts;
		if (!['clients', 'projects', 'roles', 'people', 'contracts', 'actuals'].includes(collection ?? '')) notFound(`Route ${req.method}:${req.path} not found`);
		const key = collection as keyof RunnTables;
		if (key === 'actuals' && idText === 'bulk' && req.method === 'POST') return ok(this.bulkActuals(objectBody(req.body)), 200);
		if (idText === undefined) {
			if (req.method === 'GET') return ok(this.list(key, req.query));
			if (req.method === 'POST') {
				if (key === 'contracts') notFound(`Route ${req.method}:${req.path} not found`);
				const existing = key === 'actuals' ? this.findActual(objectBody(req.body)) : undefined;
				const record = this.create(key, objectBody(req.body));
				return ok(record, existing ? 200 : 201);
			}
			notFound(`Route ${req.method}:${req.path} not found`);
		}
		const id = Number(idText);
		const record = this.tables[key].find((r) => r.id === id);
		if (!record || !Number.isInteger(id)) notFound(`${key.slice(0, -1)} ${idText} not found`);
		if (sub) notFound(`Route ${req.method}:${req.path} not found`);
		if (req.method === 'GET') return ok(record);
		if (req.method === 'PATCH') return ok(this.update(key, record, objectBody(req.body)));
		if (req.method === 'DELETE' && key === 'people') {
			const busy = this.tables.actuals.some((a) => a.personId === id);
			if (busy && req.query.get('force') !== 'true') throw new HttpError(400, 'The person has actuals; pass force=true to delete anyway');
			this.tables.people = this.tables.people.filter((p) => p.id !== id);
			this.tables.contracts = this.tables.contracts.filter((c) => c.personId !== id);
			return { status: 204 };
		}
		notFound(`Route ${req.method}:${req.path} not found`);
	}

	private authenticate(req: CallRequest): void {
		const header = String(req.headers.authorization ?? '');
		const match = /^Bearer\s+(.+)$/i.exec(header);
		if (!match || match[1] !== this.token) throw new HttpError(401, 'Invalid or missing API token');
		if (req.headers['accept-version'] !== '1.0.0') badRequest('The Accept-Version header is required (use 1.0.0)');
	}

	private list(key: keyof RunnTables, query: URLSearchParams) {
		const limit = query.has('limit') ? Number(query.get('limit')) : 50;
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) badRequest(`querystring/limit must be between 1 and ${MAX_LIMIT}`);
		let offset = 0;
		const cursor = query.get('cursor');
		if (cursor) {
			offset = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^o:/, ''));
			if (!Number.isInteger(offset) || offset < 0) badRequest('querystring/cursor is invalid');
		}
		let records: Array<Stamped & Record<string, unknown>> = this.tables[key] as never;
		const number = (name: string) => {
			const value = query.get(name);
			if (value === null) return undefined;
			if (!/^\d+$/.test(value)) badRequest(`querystring/${name} must be integer`);
			return Number(value);
		};
		for (const name of ['personId', 'projectId', 'roleId', 'clientId']) {
			const value = number(name);
			if (value !== undefined) records = records.filter((r) => r[name] === value);
		}
		if (key === 'actuals') {
			const min = query.get('minDate');
			const max = query.get('maxDate');
			for (const [name, value] of [['minDate', min], ['maxDate', max]] as const) {
				if (value !== null && !DATE.test(value)) badRequest(`querystring/${name} must match format "date"`);
			}
			if (min) records = records.filter((r) => String(r.date) >= min);
			if (max) records = records.filter((r) => String(r.date) <= max);
		}
		const modifiedAfter = query.get('modifiedAfter');
		if (modifiedAfter) {
			const since = Date.parse(modifiedAfter);
			if (Number.isNaN(since)) badRequest('querystring/modifiedAfter must match format "date-time"');
			records = records.filter((r) => Date.parse(r.updatedAt) > since);
		}
		const page = records.slice(offset, offset + limit);
		const next = offset + limit < records.length ? Buffer.from(`o:${offset + limit}`).toString('base64url') : null;
		return { values: structuredClone(page), nextCursor: next };
	}

	private exists(key: keyof RunnTables, id: number | undefined, field: string): void {
		if (id !== undefined && !this.tables[key].some((r) => r.id === id)) throw new HttpError(404, `${field} ${id} not found`);
	}

	private findActual(body: Record<string, unknown>): RunnActual | undefined {
		return this.tables.actuals.find(
			(a) => a.date === body.date && a.personId === body.personId && a.projectId === body.projectId && a.roleId === body.roleId,
		);
	}

	private create(key: keyof RunnTables, body: Record<string, unknown>): Stamped {
		const now = isoNow();
		const base = { id: this.nextId, createdAt: now, updatedAt: now };
		switch (key) {
			case 'clients': {
				const client: RunnClient = {
					...base,
					name: text(body.name, 'name', true)!,
					website: text(body.website, 'website') ?? null,
					isArchived: body.isArchived === true,
					references: references(body.references) ?? [],
				};
				this.nextId++;
				this.tables.clients.push(client);
				return client;
			}
			case 'projects': {
				const clientId = integer(body.clientId, 'clientId', { required: true, min: 1 })!;
				this.exists('clients', clientId, 'client');
				const project: RunnProject = {
					...base,
					name: text(body.name, 'name', true)!,
					clientId,
					isArchived: body.isArchived === true,
					isConfirmed: body.isConfirmed !== false,
					isTemplate: body.isTemplate === true,
					pricingModel: text(body.pricingModel, 'pricingModel') ?? 'tm',
					budget: typeof body.budget === 'number' ? body.budget : null,
					references: references(body.references) ?? [],
					tags: Array.isArray(body.tags) ? body.tags.map(String) : [],
				};
				this.nextId++;
				this.tables.projects.push(project);
				return project;
			}
			case 'roles': {
				const role: RunnRole = {
					...base,
					name: text(body.name, 'name', true)!,
					isArchived: body.isArchived === true,
					defaultHourCost: typeof body.defaultHourCost === 'number' ? body.defaultHourCost : 0,
					references: references(body.references) ?? [],
				};
				if (this.tables.roles.some((r) => r.name.toLowerCase() === role.name.toLowerCase())) badRequest(`A role named "${role.name}" already exists`);
				this.nextId++;
				this.tables.roles.push(role);
				return role;
			}
			case 'people': {
				// A person starts with a contract in a role: Runn keeps the role on the contract.
				const roleId = integer(body.roleId, 'roleId', { required: true, min: 1 })!;
				this.exists('roles', roleId, 'role');
				const person: RunnPerson = {
					...base,
					firstName: text(body.firstName, 'firstName', true)!,
					lastName: text(body.lastName, 'lastName', true)!,
					email: text(body.email, 'email') ?? null,
					isArchived: body.isArchived === true,
					references: references(body.references) ?? [],
					tags: Array.isArray(body.tags) ? body.tags.map(String) : [],
				};
				this.nextId++;
				this.tables.people.push(person);
				this.tables.contracts.push({
					id: this.nextId++,
					createdAt: now,
					updatedAt: now,
					personId: person.id,
					roleId,
					startDate: text(body.startDate, 'startDate') ?? now.slice(0, 10),
					endDate: null,
					employmentType: text(body.employmentType, 'employmentType') ?? 'employee',
					minutesPerDay: 480,
				});
				return person;
			}
			case 'actuals':
				return this.writeActual(body);
			default:
				notFound();
		}
	}

	/** The actual of (date, person, project, role) gets these minutes; unchanged minutes leave it as it was. */
	private writeActual(body: Record<string, unknown>): RunnActual {
		const date = text(body.date, 'date', true)!;
		if (!DATE.test(date) || Number.isNaN(Date.parse(date))) badRequest('body/date must match format "date"');
		const personId = integer(body.personId, 'personId', { required: true, min: 1 })!;
		const projectId = integer(body.projectId, 'projectId', { required: true, min: 1 })!;
		const roleId = integer(body.roleId, 'roleId', { required: true, min: 1 })!;
		this.exists('people', personId, 'person');
		this.exists('projects', projectId, 'project');
		this.exists('roles', roleId, 'role');
		const billable = integer(body.billableMinutes, 'billableMinutes');
		const nonbillable = integer(body.nonbillableMinutes, 'nonbillableMinutes');
		if (billable === undefined && nonbillable === undefined) badRequest('body must have billableMinutes or nonbillableMinutes');
		const existing = this.findActual({ date, personId, projectId, roleId });
		const fields = {
			billableMinutes: billable ?? existing?.billableMinutes ?? 0,
			nonbillableMinutes: nonbillable ?? existing?.nonbillableMinutes ?? 0,
			billableNote: text(body.billableNote, 'billableNote') ?? existing?.billableNote ?? '',
			nonbillableNote: text(body.nonbillableNote, 'nonbillableNote') ?? existing?.nonbillableNote ?? '',
		};
		if (existing) {
			const changed = (Object.keys(fields) as Array<keyof typeof fields>).some((k) => existing[k] !== fields[k]);
			if (changed) Object.assign(existing, fields, { updatedAt: isoNow() });
			return existing;
		}
		const now = isoNow();
		const actual: RunnActual = {
			id: this.nextId++,
			createdAt: now,
			updatedAt: now,
			date,
			...fields,
			personId,
			projectId,
			roleId,
			phaseId: null,
			workstreamId: null,
		};
		this.tables.actuals.push(actual);
		return actual;
	}

	private bulkActuals(body: Record<string, unknown>): RunnActual[] {
		const list = body.actuals;
		if (!Array.isArray(list) || list.length < 1 || list.length > 100) badRequest('body/actuals must have between 1 and 100 items');
		// All or nothing: check every entry on a copy first.
		const before = structuredClone(this.tables.actuals);
		const nextId = this.nextId;
		try {
			return list.map((entry) => this.writeActual(objectBody(entry)));
		} catch (error) {
			this.tables.actuals = before;
			this.nextId = nextId;
			throw error;
		}
	}

	private update(key: keyof RunnTables, record: Stamped, body: Record<string, unknown>): Stamped {
		const allowed: Record<string, string[]> = {
			clients: ['name', 'website', 'isArchived', 'references'],
			projects: ['name', 'clientId', 'isArchived', 'isConfirmed', 'budget', 'references', 'tags'],
			roles: ['name', 'isArchived', 'defaultHourCost', 'references'],
			people: ['firstName', 'lastName', 'email', 'isArchived', 'references', 'tags'],
		};
		const fields = allowed[key];
		if (!fields) notFound();
		const target = record as unknown as Record<string, unknown>;
		let changed = false;
		for (const [field, value] of Object.entries(body)) {
			if (!fields.includes(field)) badRequest(`body/${field} is not allowed`);
			const next = field === 'references' ? references(value) : value;
			if (field === 'clientId') this.exists('clients', integer(value, 'clientId', { min: 1 }), 'client');
			if (JSON.stringify(target[field]) !== JSON.stringify(next)) {
				target[field] = next;
				changed = true;
			}
		}
		if (changed) record.updatedAt = isoNow();
		return record;
	}
}
