/**
 * Rules: a field that several operations show identically is described once, shown for all of them; every
 * resource/operation keeps exactly the fields it had, with the same settings, in the same order. The build's
 * frozen copy of the node's fields is the same data as the fields built from the operations, and the whole
 * description stays within 200 kB.
 */
import type { INodeProperties } from 'n8n-workflow';

import { accountField, authenticationField } from '../../nodes/shared/descriptions/connection';
import { RESOURCES, resourceDescriptions, resourceProperty } from '../../nodes/HarvestApp/actions';
import { mergeSharedFields } from '../../nodes/HarvestApp/descriptions/compact';
import { built } from '../../nodes/HarvestApp/properties';
import { HarvestApp } from '../../nodes/HarvestApp/HarvestApp.node';

const { frozenFiles, DATA } = require('../../scripts/freeze-description.js') as {
	frozenFiles: (value: unknown) => { data: string; module: string };
	DATA: string;
};

/** Issue 14's ceiling for the node's description; the bench's package scenario reports the size too. */
const DESCRIPTION_LIMIT_BYTES = 200_000;

const field = (name: string, resource: string[], operation: string[], extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: name,
	name,
	type: 'string',
	default: '',
	...extra,
	displayOptions: { show: { resource, operation, ...(extra.displayOptions?.show ?? {}) } },
});
const selector = (resource: string): INodeProperties => ({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	default: 'get',
	options: [],
	displayOptions: { show: { resource: [resource] } },
});

/** An operation selector that names its operations, which tells which resource/operation screens exist. */
const withOperations = (resource: string, operations: string[]): INodeProperties => ({
	...selector(resource),
	options: operations.map((value) => ({ name: value, value })),
});

/** What one resource/operation shows, in order, without the conditions (which merging rewrites). */
function shownFor(properties: INodeProperties[], resource: string, operation: string): string[] {
	return properties
		.filter((p) => {
			const show = p.displayOptions?.show;
			const resources = show?.resource as string[] | undefined;
			const operations = show?.operation as string[] | undefined;
			return (!resources || resources.includes(resource)) && (!operations || operations.includes(operation));
		})
		.map((p) => {
			const { displayOptions, ...rest } = p;
			const { resource: _r, operation: _o, ...otherShow } = displayOptions?.show ?? {};
			return JSON.stringify([rest, otherShow]);
		});
}

describe('mergeSharedFields', () => {
	it('describes a field that several operations of a resource show identically once, shown for all of them', () => {
		const input = [
			selector('client'),
			field('clientId', ['client'], ['get']),
			field('clientId', ['client'], ['delete']),
			field('clientId', ['client'], ['update']),
			field('updateFields', ['client'], ['update']),
		];

		const merged = mergeSharedFields(input);

		expect(merged.map((p) => p.name)).toEqual(['operation', 'clientId', 'updateFields']);
		expect(merged[1].displayOptions?.show).toEqual({ resource: ['client'], operation: ['get', 'delete', 'update'] });
		for (const operation of ['get', 'delete', 'update']) expect(shownFor(merged, 'client', operation)).toEqual(shownFor(input, 'client', operation));
	});

	it('joins resources when the operations are the same, other conditions kept', () => {
		const limit = { displayOptions: { show: { returnAll: [false] } } } as Partial<INodeProperties>;
		const input = [
			selector('client'),
			selector('task'),
			field('returnAll', ['client'], ['getAll']),
			field('limit', ['client'], ['getAll'], limit),
			field('returnAll', ['task'], ['getAll']),
			field('limit', ['task'], ['getAll'], limit),
		];

		const merged = mergeSharedFields(input);

		expect(merged).toHaveLength(4);
		expect(merged[3].displayOptions?.show).toEqual({ resource: ['client', 'task'], operation: ['getAll'], returnAll: [false] });
	});

	it('moves a merged field below fields that come first on another screen, every screen keeping its order', () => {
		const input = [
			selector('invoice'),
			field('invoiceId', ['invoice'], ['get']),
			field('notice', ['invoice'], ['delete'], { type: 'notice' }),
			field('invoiceId', ['invoice'], ['delete']),
		];

		const merged = mergeSharedFields(input);

		expect(merged.map((p) => p.name)).toEqual(['operation', 'notice', 'invoiceId']);
		for (const operation of ['get', 'delete']) expect(shownFor(merged, 'invoice', operation)).toEqual(shownFor(input, 'invoice', operation));
	});

	it('keeps copies apart where no single order fits every screen', () => {
		const input = [
			selector('invoice'),
			field('invoiceId', ['invoice'], ['get']),
			field('note', ['invoice'], ['get']),
			field('note', ['invoice'], ['delete']),
			field('invoiceId', ['invoice'], ['delete']),
		];

		const merged = mergeSharedFields(input);

		// Get shows the picker above the note, Delete below it: one of the two stays in two copies.
		expect(merged).toHaveLength(4);
		for (const operation of ['get', 'delete']) expect(shownFor(merged, 'invoice', operation)).toEqual(shownFor(input, 'invoice', operation));
	});

	it('joins different resources and operations where every combination that exists was shown', () => {
		const input = [
			withOperations('project', ['get', 'update']),
			withOperations('expense', ['create']),
			field('projectId', ['project'], ['get']),
			field('projectId', ['expense'], ['create']),
		];

		const merged = mergeSharedFields(input);

		// Projects have no Create and expenses no Get: shown for both resources × both operations, it adds no screen.
		expect(merged.filter((p) => p.name === 'projectId').map((p) => p.displayOptions?.show)).toEqual([
			{ resource: ['project', 'expense'], operation: ['get', 'create'] },
		]);
	});

	it('keeps copies apart where joining them would show the field on a screen that had none', () => {
		const input = [
			withOperations('project', ['create', 'get']),
			withOperations('expense', ['create', 'get']),
			field('projectId', ['project'], ['get']),
			field('projectId', ['expense'], ['create']),
		];

		const merged = mergeSharedFields(input);

		// Joined, the picker would also show on Create of projects and Get of expenses.
		expect(merged.filter((p) => p.name === 'projectId')).toHaveLength(2);
		for (const [resource, operation] of [['project', 'create'], ['project', 'get'], ['expense', 'create'], ['expense', 'get']]) {
			expect(shownFor(merged, resource, operation)).toEqual(shownFor(input, resource, operation));
		}
	});

	it('keeps fields apart that differ in anything but where they show', () => {
		const input = [selector('client'), field('name', ['client'], ['create'], { required: true }), field('name', ['client'], ['update'])];

		expect(mergeSharedFields(input)).toHaveLength(3);
	});

	it('keeps fields with neither resource nor operation conditions as they are', () => {
		const input = [authenticationField, accountField, resourceProperty];

		expect(mergeSharedFields(input)).toEqual(input);
	});
});

describe('the Harvest App node', () => {
	const unmerged = [authenticationField, accountField, resourceProperty, ...resourceDescriptions];

	it('shows every operation exactly the fields it had, in the same order, with fewer properties', () => {
		for (const [resource, { operations }] of Object.entries(RESOURCES)) {
			for (const operation of Object.keys(operations)) {
				expect([resource, operation, shownFor(built.properties, resource, operation)]).toEqual([resource, operation, shownFor(unmerged, resource, operation)]);
			}
		}
		expect(built.properties.length).toBeLessThan(unmerged.length);
	});

	it('describes itself in at most 200 kB of JSON, the size n8n sends to every editor (issue 14)', () => {
		const bytes = Buffer.byteLength(JSON.stringify(new HarvestApp().description));
		const unmergedBytes = Buffer.byteLength(JSON.stringify(unmerged));

		expect(bytes).toBeLessThanOrEqual(DESCRIPTION_LIMIT_BYTES);
		expect(bytes).toBeLessThan(unmergedBytes);
	});

	it('the frozen files of the build hold the same data as the fields built from the operations', () => {
		const { data, module } = frozenFiles(built);
		const exports: { built?: unknown } = {};
		const required: string[] = [];
		new Function('exports', 'require', module)(exports, (file: string) => {
			required.push(file);
			return JSON.parse(data) as unknown;
		});

		expect(required).toEqual([`./${DATA}`]);
		expect(exports.built).toEqual(JSON.parse(JSON.stringify(built)));
		expect(new HarvestApp().description.properties).toBe(built.properties);
	});

	it('names every editor method it loads on first use', () => {
		const node = new HarvestApp();
		expect(Object.keys(node.methods.listSearch).sort()).toEqual([...built.methods.listSearch].sort());
		expect(Object.keys(node.methods.loadOptions).sort()).toEqual([...built.methods.loadOptions].sort());
		expect(built.methods.listSearch.length).toBeGreaterThan(5);
	});
});
