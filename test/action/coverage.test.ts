/**
 * Proves, by running the node, that every method + path of Harvest's public OpenAPI description is sent by
 * some operation with a body that matches the documented schema. Requests are answered by a recording nock
 * interceptor, so every operation runs with every field filled (see coverage.fill.ts).
 */
import * as fs from 'fs';
import * as path from 'path';

import nock from 'nock';
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';
import YAML from 'yaml';

import { fillRuns } from './coverage.fill';
import { installHarvestEcho } from './harvestEcho';
import { operationsTable, withTable } from './operations-table';
import { node, prepare } from './support';

const OPENAPI = path.join(__dirname, '../../../shared/harvest-openapi/harvest-openapi.yaml');

/**
 * Pairs no operation sends yet, while their resources are being written. It may only shrink: the test fails
 * when a listed pair is covered (remove it) or an unlisted one is not (add the operation). It must end empty.
 */
const NOT_YET_COVERED: string[] = [];

interface Schema {
	type?: string;
	format?: string;
	properties?: Record<string, Schema>;
	required?: string[];
	items?: Schema;
}

interface Sent {
	key: string;
	body: unknown;
	operation: string;
	/** Sent as multipart/form-data (expense receipts): every value is text, so only field names are checked. */
	multipart?: boolean;
}

/** A multipart/form-data body as `{ part name: text }`, file parts as `{ fileName }`. */
function formParts(body: string, contentType: string): IDataObject {
	const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/.exec(contentType);
	const out: IDataObject = {};
	if (!boundary) return out;
	for (const part of body.split(`--${boundary[1] ?? boundary[2]}`)) {
		const m = /name="([^"]+)"(?:; filename="([^"]*)")?[\s\S]*?\r\n\r\n([\s\S]*)\r\n$/.exec(part);
		if (m) out[m[1]] = m[2] !== undefined ? { fileName: m[2] } : m[3];
	}
	return out;
}

const spec = YAML.parse(fs.readFileSync(OPENAPI, 'utf8')) as {
	paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
};
const documented = Object.entries(spec.paths).flatMap(([p, methods]) =>
	Object.keys(methods)
		.filter((m) => ['get', 'post', 'patch', 'delete'].includes(m))
		.map((m) => `${m.toUpperCase()} ${p}`),
);

/** Files fetched from the account's web address (client links, receipts): the address template, and whether a credential came along. */
const downloads: Array<{ key: string; operation: string; credentials: boolean }> = [];

/** Runs every operation of the node (custom API call aside, since it can send anything). */
/** Operations that failed with their filled parameters (fix the operation or add an OVERRIDES entry). */
const failures: string[] = [];

async function record(): Promise<Sent[]> {
	const sent: Sent[] = [];
	let current = '';
	installHarvestEcho(({ method, url, headers, body, endpoint, link }) => {
		if (link) {
			downloads.push({ key: link, operation: current, credentials: Object.keys(headers).some((h) => /^(authorization|harvest-account-id)$/i.test(h)) });
			return;
		}
		const type = String(headers['content-type'] ?? '');
		const multipart = type.startsWith('multipart/form-data');
		sent.push({
			key: endpoint ? `${endpoint.method} ${endpoint.path}` : `${method} ${url.pathname}`,
			body: multipart ? formParts(String(body), type) : body,
			operation: current,
			multipart,
		});
	});
	const selectors = node.description.properties.filter((p) => p.name === 'operation');
	for (const selector of selectors) {
		const resource = String(selector.displayOptions?.show?.resource?.[0]);
		if (resource === 'customApiCall') continue;
		for (const option of selector.options as INodePropertyOptions[]) {
			current = `${resource}.${option.value}`;
			for (const parameters of fillRuns(node.description.properties, resource, String(option.value))) {
				const ctx = prepare(parameters, {
					items: [{ json: {}, binary: { data: { data: Buffer.from('receipt').toString('base64'), mimeType: 'image/png', fileName: 'r.png' } } }],
				});
				try {
					await node.execute.call(ctx);
				} catch (error) {
					// Recorded and reported by its own test, so one operation cannot hide the others' coverage.
					failures.push(`${current}: ${(error as Error).message}`);
				}
			}
		}
	}
	return sent;
}

function typeProblem(value: unknown, schema: Schema, where: string): string[] {
	const ok: Record<string, (v: unknown) => boolean> = {
		integer: (v) => Number.isInteger(v),
		number: (v) => typeof v === 'number',
		boolean: (v) => typeof v === 'boolean',
		string: (v) => typeof v === 'string',
		array: (v) => Array.isArray(v),
		object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
	};
	if (schema.type && ok[schema.type] && !ok[schema.type](value)) return [`${where}: ${JSON.stringify(value)} is not ${schema.type}`];
	if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(String(value))) return [`${where}: ${value} is not a date`];
	if (schema.type === 'object' && schema.properties) return bodyProblems(value as IDataObject, schema, where);
	if (schema.type === 'array' && schema.items?.properties) {
		return (value as IDataObject[]).flatMap((row, i) => bodyProblems(row, schema.items!, `${where}[${i}]`));
	}
	return [];
}

/** Keys Harvest does not document, missing required keys and (unless `namesOnly`) wrongly typed values. */
function bodyProblems(body: IDataObject, schema: Schema, where = '', namesOnly = false): string[] {
	const problems: string[] = [];
	for (const [key, value] of Object.entries(body)) {
		// Harvest's docs use `_destroy` to remove line items; the public description leaves it out.
		if (key === '_destroy' && where.includes('line_items')) continue;
		const property = schema.properties?.[key];
		if (!property) problems.push(`${where}.${key} is not documented`);
		else if (!namesOnly) problems.push(...typeProblem(value, property, `${where}.${key}`));
	}
	// Harvest's docs change an estimate's state with `event_type` alone; recipients are required only to email it.
	const eventOnly = where === '' && typeof body.event_type === 'string';
	for (const key of schema.required ?? []) {
		if (!(key in body) && !(eventOnly && key === 'recipients')) problems.push(`${where}.${key} (required) is missing`);
	}
	return problems;
}

describe('coverage of Harvest API v2', () => {
	let sent: Sent[] = [];
	beforeAll(async () => {
		nock.disableNetConnect();
		sent = await record();
	}, 120_000);
	afterAll(() => {
		nock.cleanAll();
		nock.enableNetConnect();
	});

	it('runs every operation with every field filled', () => {
		expect(failures).toEqual([]);
	});

	it('reads all 113 documented method + path pairs', () => {
		expect(documented).toHaveLength(113);
	});

	it('sends every documented method + path from some operation (the allowlist only shrinks)', () => {
		const covered = new Set(sent.map((s) => s.key));
		const missing = documented.filter((key) => !covered.has(key)).sort();
		const nowCovered = NOT_YET_COVERED.filter((key) => covered.has(key));
		expect({ coveredButStillAllowlisted: nowCovered }).toEqual({ coveredButStillAllowlisted: [] });
		expect({ missingAndNotAllowlisted: missing.filter((key) => !NOT_YET_COVERED.includes(key)) }).toEqual({
			missingAndNotAllowlisted: [],
		});
	});

	it('sends only documented paths', () => {
		expect(sent.filter((s) => !documented.includes(s.key)).map((s) => `${s.operation}: ${s.key}`)).toEqual([]);
	});

	it('downloads files only from client links and receipt URLs, never with a credential', () => {
		expect([...new Set(downloads.map((d) => `${d.operation}: ${d.key}${d.credentials ? ' WITH CREDENTIALS' : ''}`))].sort()).toEqual([
			'estimate.downloadPdf: GET {web}/client/estimates/{clientKey}.pdf',
			'expense.downloadReceipt: GET {receipt.url}',
			'invoice.downloadPdf: GET {web}/client/invoices/{clientKey}.pdf',
		]);
	});

	it('sends bodies that match the documented request schemas', () => {
		const problems: string[] = [];
		for (const s of sent) {
			const [method, p] = s.key.split(' ');
			const schema = spec.paths[p]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
			if (!schema || typeof s.body !== 'object' || s.body === null) continue;
			const found = bodyProblems(s.body as IDataObject, schema, '', s.multipart);
			problems.push(...found.map((text) => `${s.operation} → ${s.key}: ${text}`));
		}
		expect(problems).toEqual([]);
	});

	it('runs every Find or Create both ways: finding the record, and creating it', () => {
		const operations = [...new Set(sent.map((s) => s.operation).filter((o) => o.endsWith('.findOrCreate')))].sort();
		expect(operations).toEqual(['client.findOrCreate', 'contact.findOrCreate', 'project.findOrCreate', 'task.findOrCreate', 'user.findOrCreate']);
		for (const operation of operations) {
			const methods = [...new Set(sent.filter((s) => s.operation === operation).map((s) => s.key.split(' ')[0]))].sort();
			expect([operation, methods]).toEqual([operation, ['GET', 'POST']]);
		}
	});

	it('runs every Create or Update both ways: updating the record it finds, and creating one', () => {
		const operations = [...new Set(sent.map((s) => s.operation).filter((o) => o.endsWith('.upsert')))].sort();
		expect(operations).toEqual(['client.upsert', 'contact.upsert', 'project.upsert', 'task.upsert', 'timeEntry.upsert']);
		for (const operation of operations) {
			const methods = [...new Set(sent.filter((s) => s.operation === operation).map((s) => s.key.split(' ')[0]))].sort();
			expect([operation, methods]).toEqual([operation, ['GET', 'PATCH', 'POST']]);
		}
	});

	it('the README operations table is generated from what the operations send (UPDATE_README=1 rewrites it)', () => {
		const readmePath = path.join(__dirname, '../../README.md');
		const readme = fs.readFileSync(readmePath, 'utf8');
		const expected = withTable(readme, operationsTable(node.description.properties, sent, downloads));
		if (process.env.UPDATE_README === '1') fs.writeFileSync(readmePath, expected);
		expect(readme).toEqual(expected);
	});

	it('fills every documented body field of the endpoints it covers', () => {
		const unsent: string[] = [];
		for (const key of new Set(sent.map((s) => s.key))) {
			const [method, p] = key.split(' ');
			const schema = spec.paths[p]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
			if (!schema?.properties) continue;
			const seen = new Set(sent.filter((s) => s.key === key).flatMap((s) => Object.keys((s.body ?? {}) as IDataObject)));
			for (const field of Object.keys(schema.properties)) if (!seen.has(field)) unsent.push(`${key}: ${field}`);
		}
		expect(unsent).toEqual([]);
	});
});
