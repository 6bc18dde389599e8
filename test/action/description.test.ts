/**
 * Conventions every resource must keep, checked over the whole node description so the resources written by
 * different people stay consistent (n8n lint cannot see generated fields).
 */
import * as fs from 'fs';
import * as path from 'path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { Expression } from 'n8n-workflow';
import { sanitizer, sanitizerName } from 'n8n-workflow/dist/cjs/expression-sandboxing';

import { RESOURCES } from '../../nodes/HarvestApp/actions';
import { node } from './support';

const properties = node.description.properties;
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'per', 'the', 'to', 'with']);

/** Every property, including those nested in collections and fixed collections, with where it sits. */
function walk(list: INodeProperties[], where: string, out: Array<{ p: INodeProperties; where: string }> = []) {
	for (const p of list) {
		out.push({ p, where: `${where}/${p.name}` });
		if (p.type === 'collection') walk((p.options ?? []) as INodeProperties[], `${where}/${p.name}`, out);
		if (p.type === 'fixedCollection') {
			for (const group of (p.options ?? []) as INodePropertyCollection[]) walk(group.values, `${where}/${p.name}/${group.name}`, out);
		}
	}
	return out;
}

const all = walk(properties, '');
const show = (p: INodeProperties) => p.displayOptions?.show ?? {};
const operationSelectors = properties.filter((p) => p.name === 'operation');

function isTitleCase(text: string): boolean {
	return text
		.replace(/\(.*?\)/g, '')
		.split(/\s+/)
		.filter(Boolean)
		.every((word, i) => /^[^a-z]/.test(word) || (i > 0 && SMALL_WORDS.has(word)));
}

describe('node description', () => {
	it('is a usable-as-tool action node with subtitle, codex and two different icons', () => {
		const d = node.description;
		expect(d.usableAsTool).toBe(true);
		expect(d.version).toBe(1);
		const icon = d.icon as { light: string; dark: string };
		const dir = path.join(__dirname, '../../nodes/HarvestApp');
		const light = fs.readFileSync(path.join(dir, icon.light.replace('file:', '')), 'utf8');
		const dark = fs.readFileSync(path.join(dir, icon.dark.replace('file:', '')), 'utf8');
		expect(light).not.toEqual(dark);
		const codex = JSON.parse(fs.readFileSync(path.join(dir, 'HarvestApp.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-harvestapp.harvestApp');
		expect(codex.categories).toEqual(['Productivity']);
	});

	it('has a subtitle that reads like the operation, in n8n\'s own expression engine', () => {
		const subtitle = String(node.description.subtitle);
		expect(subtitle.startsWith('={{')).toBe(true);
		// n8n ends an expression at the first "}}": there must be exactly one, at the end.
		expect(subtitle.indexOf('}}')).toBe(subtitle.length - 2);
		const evaluate = (resource: string, operation: string) =>
			Expression.resolveWithoutWorkflow(subtitle.slice(1), { $parameter: { resource, operation }, [sanitizerName]: sanitizer });
		for (const selector of operationSelectors) {
			const resource = String(show(selector).resource![0]);
			for (const option of selector.options as INodePropertyOptions[]) {
				expect([resource, option.value, evaluate(resource, String(option.value))]).toEqual([resource, option.value, option.action]);
			}
		}
		expect(evaluate('timeEntry', 'getAll')).toBe('Get many time entries');
		expect(evaluate('invoice', 'somethingNew')).toBe('somethingNew: invoice');
	});

	it('offers every registered resource, sorted, and nothing else', () => {
		const resource = properties.find((p) => p.name === 'resource')!;
		const options = resource.options as INodePropertyOptions[];
		expect(options.map((o) => o.value).sort()).toEqual(Object.keys(RESOURCES).sort());
		expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
	});

	it('has one sorted operation selector per resource, each option with a Title Case name and an action', () => {
		expect(operationSelectors.map((p) => show(p).resource?.[0]).sort()).toEqual(Object.keys(RESOURCES).sort());
		for (const selector of operationSelectors) {
			const options = selector.options as INodePropertyOptions[];
			expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
			for (const option of options) {
				expect(isTitleCase(option.name)).toBe(true);
				// Sentence case: capital first letter, lower case after it (acronyms such as API aside).
				const rest = String(option.action).replace(/\bAPI\b/g, 'api').slice(1);
				expect([option.action, rest]).toEqual([option.action, rest.toLowerCase()]);
				expect(String(option.action)[0]).toMatch(/[A-Z]/);
				expect(option.description).toBeTruthy();
			}
			expect(options.map((o) => o.value)).toContain(selector.default);
		}
	});

	it('words booleans with "Whether" and names fields in Title Case', () => {
		for (const { p, where } of all) {
			if (p.type === 'notice') continue;
			if (p.type === 'boolean') expect([where, p.description?.startsWith('Whether')]).toEqual([where, true]);
			expect([where, isTitleCase(p.displayName)]).toEqual([where, true]);
		}
	});

	it('sorts collection options by display name', () => {
		for (const { p, where } of all) {
			if (p.type !== 'collection') continue;
			const names = ((p.options ?? []) as INodeProperties[]).map((o) => o.displayName);
			expect([where, names]).toEqual([where, [...names].sort((a, b) => a.localeCompare(b))]);
		}
	});

	it('gives every Get Many Return All and a Limit of 50 (min 1)', () => {
		const getMany = operationSelectors.flatMap((s) =>
			(s.options as INodePropertyOptions[]).filter((o) => o.name === 'Get Many').map(() => show(s).resource![0]),
		);
		expect(getMany.length).toBeGreaterThan(0);
		for (const resource of getMany) {
			const visible = properties.filter((p) => show(p).resource?.includes(resource) && show(p).operation?.includes('getAll'));
			const limit = visible.find((p) => p.name === 'limit');
			expect(visible.find((p) => p.name === 'returnAll')?.default).toBe(false);
			expect([resource, limit?.default, limit?.typeOptions?.minValue]).toEqual([resource, 50, 1]);
		}
	});

	it('lets only line-item quantities and unit prices go below zero in the editor', () => {
		const signed: string[] = [];
		// A field described once for several resources and operations is listed for each that has it.
		const hasOperation = (resource: string, operation: string) =>
			operationSelectors.some((o) => (show(o).resource as string[]).includes(resource) && o.options?.some((option) => 'value' in option && option.value === operation));
		for (const top of properties) {
			const screens = ((show(top).resource ?? []) as string[]).flatMap((resource) =>
				((show(top).operation ?? []) as string[]).filter((operation) => hasOperation(resource, operation)).map((operation) => `${resource}.${operation}`),
			);
			for (const where of screens) {
				for (const { p, where: path } of walk([top], where)) {
					if (p.type === 'number' && p.typeOptions?.minValue === undefined) signed.push(path);
				}
			}
		}
		expect(signed.sort()).toEqual([
			'estimate.addLineItem/additionalFields/quantity',
			'estimate.addLineItem/unitPrice',
			'estimate.create/lineItems/item/quantity',
			'estimate.create/lineItems/item/unit_price',
			'estimate.updateLineItem/updateFields/quantity',
			'estimate.updateLineItem/updateFields/unit_price',
			'invoice.addLineItem/additionalFields/quantity',
			'invoice.addLineItem/unitPrice',
			'invoice.create/lineItems/item/quantity',
			'invoice.create/lineItems/item/unit_price',
			'invoice.updateLineItem/updateFields/quantity',
			'invoice.updateLineItem/updateFields/unit_price',
		]);
	});

	it('starts the fields people add with the value they usually mean', () => {
		const defaults = (name: string) => [...new Set(all.filter(({ p }) => p.name === name).map(({ p }) => JSON.stringify(p.default)))];
		// Adding "Active" to a create, an update or a filter means active; adding "Quantity" means one unit.
		expect(defaults('is_active')).toEqual(['true']);
		expect(defaults('quantity')).toEqual(['1']);
		// A project gets no budget unless one is chosen.
		expect([...defaults('budgetBy'), ...defaults('budget_by')]).toEqual(['"none"', '"none"']);
	});

	it('backs every resource locator with a list search of the node', () => {
		const searches = Object.keys(node.methods.listSearch);
		for (const { p, where } of all) {
			if (p.type !== 'resourceLocator') continue;
			const list = p.modes?.find((m) => m.name === 'list');
			expect([where, searches.includes(String(list?.typeOptions?.searchListMethod))]).toEqual([where, true]);
			expect(p.modes?.[0].name).toBe('list');
		}
	});

	it('never shows two fields with one name and different types on the same operation', () => {
		const seen = new Map<string, string>();
		for (const p of properties) {
			for (const resource of show(p).resource ?? []) {
				for (const operation of show(p).operation ?? []) {
					const key = `${resource}.${operation}.${p.name}`;
					const extra = JSON.stringify(p.displayOptions?.show ?? {});
					const previous = seen.get(key);
					if (previous && !previous.startsWith(`${p.type}|`)) throw new Error(`${key}: ${previous} vs ${p.type}|${extra}`);
					seen.set(key, `${p.type}|${extra}`);
				}
			}
		}
	});

	it('has an operation module for every option and an option for every module', () => {
		for (const [resource, entry] of Object.entries(RESOURCES)) {
			const selector = operationSelectors.find((s) => show(s).resource?.[0] === resource)!;
			const values = (selector.options as INodePropertyOptions[]).map((o) => o.value).sort();
			expect(Object.keys(entry.operations).sort()).toEqual(values);
		}
	});
});
