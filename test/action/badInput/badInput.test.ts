/**
 * Generated bad input: every operation × every field × probes by the field's type. Each bad value must be
 * refused by a NodeOperationError that names the field (or its collection) and the item, with nothing sent;
 * each valid value must reach Harvest unchanged. Operations run against a stand-in Harvest (harvestEcho) with
 * every field filled (coverage.fill). Seeds: fixed under CI, random locally, printed; replay one with
 * BAD_INPUT_SEED=<seed>; BAD_INPUT_VERBOSE=1 lists the valid values that steer the operation instead of being sent.
 */
import nock from 'nock';
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { Rng } from '../../sandbox/rng';
import { chooseSeeds } from '../../helpers/seeds';
import type { SentRequest } from '../../helpers/context';
import { fillRuns } from '../coverage.fill';
import { installHarvestEcho } from '../harvestEcho';
import { node, prepare } from '../support';
import { operationFields, showing, withValue, type FieldRef } from './fields';
import { badProbes, validProbe } from './probes';

/** A binary file on every item, for operations that upload one. */
const ITEMS = [{ json: {}, binary: { data: { data: Buffer.from('receipt').toString('base64'), mimeType: 'image/png', fileName: 'r.png' } } }];

interface Outcome {
	error?: Error & IDataObject;
	sent: SentRequest[];
}

async function runOnce(parameters: IDataObject): Promise<Outcome> {
	const ctx = prepare(parameters, { items: ITEMS });
	try {
		await node.execute.call(ctx);
		return { sent: ctx.sent };
	} catch (error) {
		return { error: error as Error & IDataObject, sent: ctx.sent };
	}
}

/** Every value in a request: path segments, query values and body leaves, as they went out. */
function leaves(request: SentRequest): unknown[] {
	const out: unknown[] = new URL(request.url).pathname.split('/').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
	const walk = (value: unknown) => {
		if (Array.isArray(value)) value.forEach(walk);
		else if (value && typeof value === 'object' && !(value instanceof FormData)) Object.values(value).forEach(walk);
		else out.push(value);
	};
	walk(request.qs ?? {});
	walk(request.body ?? {});
	if (request.body instanceof FormData) for (const [, value] of request.body.entries()) out.push(value);
	return out;
}

/** Whether `expected` went out: as itself, as text (multipart parts are text), or a date as the start of a date-time. */
function arrived(sent: SentRequest[], expected: unknown): boolean {
	const matches = (leaf: unknown) =>
		leaf === expected ||
		(typeof expected !== 'string' && leaf === String(expected)) ||
		(typeof expected === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(expected) && typeof leaf === 'string' && leaf.startsWith(`${expected}T`));
	return sent.some((request) => leaves(request).some(matches));
}

/** The label a refusal names: `The parameter "X" …`. */
function namedLabel(message: string): string | undefined {
	return /^The parameter "([^"]+)"/.exec(message)?.[1];
}

/** Pickers loaded from Harvest are labelled "X Name or ID" in the editor; messages call them "X". */
const plain = (label: string) => label.replace(/ Name or ID$/, '');

function namesField(message: string, field: FieldRef): boolean {
	const label = namedLabel(message);
	if (!label) return false;
	return label.includes(plain(field.label)) || (!!field.parentLabel && label.startsWith(field.parentLabel));
}

const operations = node.description.properties
	.filter((p) => p.name === 'operation')
	.flatMap((selector) =>
		(selector.options as INodePropertyOptions[]).map((option) => ({
			resource: String(selector.displayOptions?.show?.resource?.[0]),
			operation: String(option.value),
		})),
	);

const FIXED_SEEDS = [20261204];

describe('generated bad input: every operation × every field', () => {
	const { seeds, source } = chooseSeeds('BAD_INPUT_SEED', FIXED_SEEDS);
	const report = { operations: 0, fields: 0, badProbes: 0, validProbes: 0, notSentAsGiven: 0, crossField: 0 };
	const problems: string[] = [];

	beforeAll(async () => {
		nock.disableNetConnect();
		installHarvestEcho();
		for (const seed of seeds) {
			const rng = new Rng(seed);
			for (const { resource, operation } of operations) {
				const where = `${resource}.${operation}`;
				// Find or Create runs last with a name no record has, so that it creates and sends its fields.
				const runs = fillRuns(node.description.properties, resource, operation);
				const baseline = operation === 'findOrCreate' ? runs[runs.length - 1] : runs[0];
				const base = await runOnce(baseline);
				if (base.error || base.sent.length === 0) {
					problems.push(`${where}: the filled baseline does not run (${base.error?.message ?? 'nothing sent'})`);
					continue;
				}
				report.operations++;
				for (const field of operationFields(node.description.properties, resource, operation)) {
					report.fields++;
					const at = `${where} › ${field.path.join('.')}`;
					const shown = showing(baseline, field);
					for (const probe of badProbes(field.property)) {
						report.badProbes++;
						const { error, sent } = await runOnce(withValue(shown, field.path, probe.value));
						if (!error) problems.push(`${at} = ${probe.what}: accepted (${sent.length} request(s) sent)`);
						else if (error.constructor.name !== 'NodeOperationError') problems.push(`${at} = ${probe.what}: ${error.constructor.name}: ${error.message}`);
						else if (!namesField(error.message, field)) problems.push(`${at} = ${probe.what}: does not name "${field.label}": ${error.message}`);
						else if (!error.message.endsWith('[item 0]')) problems.push(`${at} = ${probe.what}: does not name the item: ${error.message}`);
						if (error && sent.length) problems.push(`${at} = ${probe.what}: refused, but ${sent.length} request(s) went out first`);
					}
					const sample = field.path.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key as string], shown);
					// The Custom API Call sends what it is given; its own tests cover paths and headers.
					const valid = resource === 'customApiCall' ? undefined : validProbe(field.property, sample, rng);
					if (!valid) continue;
					report.validProbes++;
					const { error, sent } = await runOnce(withValue(shown, field.path, valid.value));
					if (error && namesField(error.message, field)) problems.push(`${at} = ${JSON.stringify(valid.value)}: a valid value was refused: ${error.message}`);
					else if (error) {
						// Refused by a rule between fields (Paid Date with Paid At, …), naming the other one: counted, and
						// covered by the operation's own tests.
						report.crossField++;
					}
					else if (!arrived(sent, valid.sent)) {
						// Parameters that steer the operation (Return All, Attach Receipt, a match mode…) are not sent as
						// such; they are counted, and the bad probes above still cover them.
						report.notSentAsGiven++;
						if (process.env.BAD_INPUT_VERBOSE) process.stdout.write(`not on the wire: ${at} = ${JSON.stringify(valid.value)}\n`);
					}
				}
			}
		}
		process.stdout.write(
			`generated bad input (${source} seed${seeds.length > 1 ? 's' : ''} ${seeds.join(', ')}): ${report.operations} operations, ` +
				`${report.fields} fields, ${report.badProbes} bad probes, ${report.validProbes} valid probes ` +
				`(${report.validProbes - report.notSentAsGiven - report.crossField} checked on the wire, ${report.notSentAsGiven} steer the operation, ` +
				`${report.crossField} refused by a rule between fields)\n`,
		);
	}, 600_000);

	afterAll(() => {
		nock.cleanAll();
		nock.enableNetConnect();
	});

	it('runs every operation with its fields filled', () => {
		expect(report.operations).toBe(operations.length);
		expect(report.badProbes).toBeGreaterThan(1000);
	});

	it('refuses every bad value, naming the field and the item, with nothing sent; sends every valid value unchanged', () => {
		expect(problems).toEqual([]);
	});
});
