/**
 * Rules: a field that several operations show identically is described once, shown for all of them; every
 * resource/operation keeps exactly the fields it had, with the same settings, in the same order. The build's
 * frozen copy of the node's fields is the same data as the fields built from the operations.
 */
import type { INodeProperties } from 'n8n-workflow';

import { accountField, authenticationField } from '../../nodes/shared/descriptions/connection';
import { RESOURCES, resourceDescriptions, resourceProperty } from '../../nodes/HarvestApp/actions';
import { mergeSharedFields } from '../../nodes/HarvestApp/descriptions/compact';
import { built } from '../../nodes/HarvestApp/properties';
import { HarvestApp } from '../../nodes/HarvestApp/HarvestApp.node';

const { frozenModule } = require('../../scripts/freeze-description.js') as { frozenModule: (value: unknown) => string };

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

	it('keeps copies apart where merging would change the order on screen', () => {
		const input = [
			selector('invoice'),
			field('invoiceId', ['invoice'], ['get']),
			field('notice', ['invoice'], ['delete'], { type: 'notice' }),
			field('invoiceId', ['invoice'], ['delete']),
		];

		const merged = mergeSharedFields(input);

		// On Delete the notice comes first; a merged picker would sit above it.
		expect(merged.filter((p) => p.name === 'invoiceId')).toHaveLength(2);
		expect(shownFor(merged, 'invoice', 'delete')).toEqual(shownFor(input, 'invoice', 'delete'));
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

	it('the frozen module of the build holds the same data as the fields built from the operations', () => {
		const exports: { built?: unknown } = {};
		new Function('exports', frozenModule(built))(exports);

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
