/**
 * Upsales API v2 stand-in (https://integration.upsales.com/api/v2): accounts (companies), users, order stages,
 * products, order custom fields and orders. An opportunity is an order below 100 % probability; moving it to
 * 100 % makes it an order (won), 0 % is lost, and either sets `closeDate`. Auth is the `token` query parameter.
 * Lists take `limit` (≤ 1000), `offset` and field filters (`probability=gte:1`, `client.id=3`,
 * `custom=eq:11:42`), answering `{error, metadata: {total, limit, offset}, data}`.
 */
import { randomBytes } from 'node:crypto';

import { badRequest, Counterpart, notFound, objectBody } from './counterpart';
import { HttpError, isoNow, ok, type CallRequest, type Reply } from './http';

interface Named {
	id: number;
	name: string;
}

export interface UpsalesUser extends Named {
	email: string;
	active: boolean;
}

export interface UpsalesStage extends Named {
	probability: number;
}

export interface UpsalesProduct extends Named {
	listPrice: number;
	active: boolean;
}

export interface UpsalesCustomField extends Named {
	datatype: string;
}

export interface UpsalesAccount extends Named {
	phone: string;
	webpage: string;
	active: boolean;
	regDate: string;
	modDate: string;
}

export interface OrderRow {
	id: number;
	product: Named;
	quantity: number;
	price: number;
	listPrice: number;
	sortId: number;
}

export interface UpsalesOrder {
	id: number;
	description: string;
	date: string;
	closeDate: string | null;
	probability: number;
	stage: UpsalesStage;
	user: Omit<UpsalesUser, 'active'>;
	client: Named;
	notes: string;
	value: number;
	orderRow: OrderRow[];
	custom: Array<{ fieldId: number; value: string }>;
	regDate: string;
	modDate: string;
}

interface Tables {
	users: UpsalesUser[];
	orderstages: UpsalesStage[];
	products: UpsalesProduct[];
	customfields: UpsalesCustomField[];
	accounts: UpsalesAccount[];
	orders: UpsalesOrder[];
}

/** What a fresh Upsales account has: one sales user, the default sales board stages, a product, a custom field. */
function defaultTables(): Tables {
	return {
		users: [{ id: 1, name: 'Sam Seller', email: 'sam.seller@example.com', active: true }],
		orderstages: [
			{ id: 1, name: 'Lead', probability: 10 },
			{ id: 2, name: 'Proposal', probability: 50 },
			{ id: 3, name: 'Verbal Agreement', probability: 75 },
			{ id: 4, name: 'Order', probability: 100 },
			{ id: 5, name: 'Lost', probability: 0 },
		],
		products: [{ id: 1, name: 'Consulting (tracked time)', listPrice: 0, active: true }],
		customfields: [{ id: 11, name: 'Harvest project ID', datatype: 'String' }],
		accounts: [],
		orders: [],
	};
}

const today = () => isoNow().slice(0, 10);
const round2 = (n: number) => Math.round(n * 100) / 100;

function pathValue(record: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), record);
}

/** One filter value `op:value` (no op = eq) against a field's value. */
function matches(actual: unknown, filter: string): boolean {
	const match = /^(eq|ne|gt|gte|lt|lte|src):(.*)$/.exec(filter);
	const [op, wanted] = match ? [match[1], match[2]] : ['eq', filter];
	const values = Array.isArray(actual) ? actual : [actual];
	return values.some((value) => {
		if (op === 'src') return String(value ?? '').toLowerCase().includes(wanted.toLowerCase());
		const numeric = typeof value === 'number' && wanted !== '' && !Number.isNaN(Number(wanted));
		const [a, b] = numeric ? [value, Number(wanted)] : [String(value ?? ''), wanted];
		switch (op) {
			case 'eq':
				return a === b;
			case 'ne':
				return a !== b;
			case 'gt':
				return a > b;
			case 'gte':
				return a >= b;
			case 'lt':
				return a < b;
			default:
				return a <= b;
		}
	});
}

export class UpsalesStandIn extends Counterpart {
	readonly name = 'upsales';
	readonly token: string;
	private tables = defaultTables();
	private nextId = 100;

	constructor(options: { token?: string } = {}) {
		super();
		this.token = options.token ?? randomBytes(16).toString('hex');
	}

	info(origin: string) {
		return {
			url: `${origin}/upsales/api/v2`,
			token: this.token,
			userId: 1,
			stageId: 3,
			productId: 1,
			projectFieldId: 11,
		};
	}

	errorBody(status: number, message: string) {
		return { error: message, status, data: null };
	}

	state() {
		return structuredClone(this.tables) as unknown as Record<string, unknown>;
	}

	reset(): void {
		this.tables = defaultTables();
		this.nextId = 100;
	}

	/** `{accounts?: [{name}], orders?: [order bodies as POST /orders takes them]}` */
	seed(input: Record<string, unknown>) {
		const created: Record<string, unknown[]> = {};
		for (const key of ['accounts', 'orders'] as const) {
			const list = input[key];
			if (list === undefined) continue;
			if (!Array.isArray(list)) badRequest(`seed: ${key} must be a list`);
			created[key] = list.map((body) => (key === 'accounts' ? this.createAccount(objectBody(body)) : this.createOrder(objectBody(body))));
		}
		return created;
	}

	handle(req: CallRequest): Reply {
		if (!req.internal && req.query.get('token') !== this.token) throw new HttpError(401, 'Invalid token');
		const parts = req.path.split('/').filter(Boolean);
		if (parts[0] !== 'api' || parts[1] !== 'v2') notFound(`No route ${req.path}`);
		const [collection, idText] = parts.slice(2);
		if (collection === 'customfields') {
			if (req.method !== 'GET' || idText !== 'order') notFound(`No route ${req.path}`);
			return ok(this.list('customfields', req.query));
		}
		const key = collection as keyof Tables;
		if (!(key in this.tables)) notFound(`No route ${req.path}`);
		if (idText === undefined) {
			if (req.method === 'GET') return ok(this.list(key, req.query));
			if (req.method === 'POST' && key === 'accounts') return ok({ error: null, data: this.createAccount(objectBody(req.body)) }, 200);
			if (req.method === 'POST' && key === 'orders') return ok({ error: null, data: this.createOrder(objectBody(req.body)) }, 200);
			notFound(`No route ${req.method} ${req.path}`);
		}
		const id = Number(idText);
		const list = this.tables[key] as Array<{ id: number }>;
		const record = list.find((r) => r.id === id);
		if (!record) notFound(`${key} ${idText} not found`);
		if (req.method === 'GET') return ok({ error: null, data: structuredClone(record) });
		if (req.method === 'PUT' && key === 'orders') return ok({ error: null, data: this.updateOrder(record as UpsalesOrder, objectBody(req.body)) });
		if (req.method === 'PUT' && key === 'accounts') return ok({ error: null, data: this.updateAccount(record as UpsalesAccount, objectBody(req.body)) });
		if (req.method === 'DELETE' && (key === 'orders' || key === 'accounts')) {
			if (key === 'accounts' && this.tables.orders.some((o) => o.client.id === id)) badRequest('The account has orders');
			(this.tables[key] as Array<{ id: number }>) = list.filter((r) => r.id !== id);
			return ok({ error: null, data: null });
		}
		notFound(`No route ${req.method} ${req.path}`);
	}

	private list(key: keyof Tables, query: URLSearchParams) {
		const limit = query.has('limit') ? Number(query.get('limit')) : 1000;
		const offset = query.has('offset') ? Number(query.get('offset')) : 0;
		if (!Number.isInteger(limit) || limit < 1 || limit > 1000) badRequest('limit must be 1–1000');
		if (!Number.isInteger(offset) || offset < 0) badRequest('offset must be 0 or more');
		let records = this.tables[key] as unknown[];
		const fields = new Set([...query.keys()].filter((k) => !['token', 'limit', 'offset', 'sort'].includes(k)));
		for (const field of fields) {
			for (const filter of query.getAll(field)) {
				if (field === 'custom') {
					const m = /^(?:eq:)?(\d+):(.*)$/.exec(filter);
					if (!m) badRequest(`custom filter must be eq:FIELD_ID:VALUE, not "${filter}"`);
					records = records.filter((r) => (r as UpsalesOrder).custom?.some((c) => c.fieldId === Number(m[1]) && c.value === m[2]));
				} else records = records.filter((r) => matches(pathValue(r, field), filter));
			}
		}
		const sort = query.get('sort');
		if (sort) {
			const [field, desc] = sort.startsWith('-') ? [sort.slice(1), true] : [sort, false];
			records = [...records].sort((a, b) => {
				const [x, y] = [pathValue(a, field), pathValue(b, field)] as Array<string | number>;
				return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
			});
		}
		return { error: null, metadata: { total: records.length, limit, offset }, data: structuredClone(records.slice(offset, offset + limit)) };
	}

	private ref<T extends { id: number }>(key: keyof Tables, value: unknown, field: string, required: boolean): T | undefined {
		const id = (value as { id?: unknown } | undefined)?.id;
		if (id === undefined || id === null) {
			if (required) badRequest(`${field}.id is required`);
			return undefined;
		}
		const record = (this.tables[key] as unknown as T[]).find((r) => r.id === Number(id));
		if (!record) badRequest(`${field} ${String(id)} does not exist`);
		return record;
	}

	private createAccount(body: Record<string, unknown>): UpsalesAccount {
		if (typeof body.name !== 'string' || !body.name.trim()) badRequest('name is required');
		const now = isoNow();
		const account: UpsalesAccount = {
			id: this.nextId++,
			name: body.name.trim(),
			phone: String(body.phone ?? ''),
			webpage: String(body.webpage ?? ''),
			active: true,
			regDate: now,
			modDate: now,
		};
		this.tables.accounts.push(account);
		return account;
	}

	private updateAccount(account: UpsalesAccount, body: Record<string, unknown>): UpsalesAccount {
		for (const field of ['name', 'phone', 'webpage'] as const) if (typeof body[field] === 'string') account[field] = body[field] as string;
		account.modDate = isoNow();
		return account;
	}

	private rows(value: unknown): OrderRow[] {
		if (!Array.isArray(value) || value.length === 0) badRequest('orderRow needs at least one row');
		return value.map((row, i) => {
			const r = objectBody(row);
			const product = this.ref<UpsalesProduct>('products', r.product, `orderRow[${i}].product`, true)!;
			const quantity = Number(r.quantity ?? 1);
			const price = Number(r.price ?? product.listPrice);
			if (!Number.isFinite(quantity) || !Number.isFinite(price)) badRequest(`orderRow[${i}] quantity and price must be numbers`);
			return { id: this.nextId++, product: { id: product.id, name: product.name }, quantity, price, listPrice: product.listPrice, sortId: i + 1 };
		});
	}

	private custom(value: unknown): Array<{ fieldId: number; value: string }> {
		if (!Array.isArray(value)) badRequest('custom must be a list of {fieldId, value}');
		return value.map((c) => {
			const entry = objectBody(c);
			const fieldId = Number(entry.fieldId);
			if (!this.tables.customfields.some((f) => f.id === fieldId)) badRequest(`custom field ${String(entry.fieldId)} does not exist`);
			return { fieldId, value: entry.value === null || entry.value === undefined ? '' : String(entry.value) };
		});
	}

	private createOrder(body: Record<string, unknown>): UpsalesOrder {
		if (typeof body.description !== 'string' || !body.description.trim()) badRequest('description is required');
		const date = String(body.date ?? '').slice(0, 10);
		if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) badRequest('date is required (YYYY-MM-DD)');
		const user = this.ref<UpsalesUser>('users', body.user, 'user', true)!;
		const client = this.ref<UpsalesAccount>('accounts', body.client, 'client', true)!;
		const stage = this.ref<UpsalesStage>('orderstages', body.stage, 'stage', true)!;
		const probability = body.probability === undefined ? stage.probability : Number(body.probability);
		if (!Number.isInteger(probability) || probability < 0 || probability > 100) badRequest('probability must be 0–100');
		const orderRow = this.rows(body.orderRow);
		const now = isoNow();
		const order: UpsalesOrder = {
			id: this.nextId++,
			description: body.description.trim(),
			date,
			closeDate: probability === 0 || probability === 100 ? today() : null,
			probability,
			stage: { ...stage },
			user: { id: user.id, name: user.name, email: user.email },
			client: { id: client.id, name: client.name },
			notes: String(body.notes ?? ''),
			value: round2(orderRow.reduce((sum, r) => sum + r.quantity * r.price, 0)),
			orderRow,
			custom: body.custom === undefined ? [] : this.custom(body.custom),
			regDate: now,
			modDate: now,
		};
		this.tables.orders.push(order);
		return structuredClone(order);
	}

	/** PUT changes what it names; `orderRow` replaces the rows; unchanged values leave `modDate` alone. */
	private updateOrder(order: UpsalesOrder, body: Record<string, unknown>): UpsalesOrder {
		const before = JSON.stringify({ ...order, orderRow: order.orderRow.map(({ id: _id, ...r }) => r) });
		if (typeof body.description === 'string') order.description = body.description;
		if (typeof body.notes === 'string') order.notes = body.notes;
		if (body.date !== undefined) order.date = String(body.date).slice(0, 10);
		if (body.user !== undefined) {
			const user = this.ref<UpsalesUser>('users', body.user, 'user', true)!;
			order.user = { id: user.id, name: user.name, email: user.email };
		}
		if (body.client !== undefined) {
			const client = this.ref<UpsalesAccount>('accounts', body.client, 'client', true)!;
			order.client = { id: client.id, name: client.name };
		}
		if (body.stage !== undefined) {
			order.stage = { ...this.ref<UpsalesStage>('orderstages', body.stage, 'stage', true)! };
			if (body.probability === undefined) order.probability = order.stage.probability;
		}
		if (body.probability !== undefined) {
			const p = Number(body.probability);
			if (!Number.isInteger(p) || p < 0 || p > 100) badRequest('probability must be 0–100');
			order.probability = p;
		}
		if (body.orderRow !== undefined) {
			const next = this.rows(body.orderRow);
			const same = JSON.stringify(next.map(({ id: _id, ...r }) => r)) === JSON.stringify(order.orderRow.map(({ id: _id, ...r }) => r));
			if (!same) order.orderRow = next;
		}
		if (body.custom !== undefined) order.custom = this.custom(body.custom);
		order.value = round2(order.orderRow.reduce((sum, r) => sum + r.quantity * r.price, 0));
		const closed = order.probability === 0 || order.probability === 100;
		if (closed && !order.closeDate) order.closeDate = today();
		if (!closed) order.closeDate = null;
		const after = JSON.stringify({ ...order, orderRow: order.orderRow.map(({ id: _id, ...r }) => r) });
		if (after !== before) order.modDate = isoNow();
		return structuredClone(order);
	}
}
