/**
 * Fills every visible parameter of an operation with a plausible value taken from its editor description,
 * so the coverage test can run each operation with every documented field. Operations whose fields need
 * particular values get them from OVERRIDES.
 */
import type { IDataObject, INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { byId } from './support';

export const SAMPLE_ID = 101;

/** Per `resource.operation`: parameter values the generic filler would get wrong. */
export const OVERRIDES: Record<string, IDataObject> = {
	// Paid At here, Paid Date in EXTRA_RUNS: Harvest takes one of the two.
	'invoicePayment.create': {
		amount: 1,
		additionalFields: { notes: 'Sample', paid_at: '2025-01-02T09:30:00Z', send_thank_you: true },
	},
};

/** Per `resource.operation`: further runs with these values over the filled ones, for fields one run cannot send together. */
export const EXTRA_RUNS: Record<string, IDataObject[]> = {
	'invoicePayment.create': [{ additionalFields: { paid_date: '2025-01-02' } }],
	// With Attach Receipt the body is multipart; without it, JSON whose types the schema check can see.
	'expense.create': [{ attachReceipt: false }],
	'expense.update': [{ attachReceipt: false }],
	// An empty Project lists the assignments of every project (GET /user_assignments, /task_assignments).
	'userAssignment.getAll': [{ projectId: { __rl: true, mode: 'list', value: '' } }],
	'taskAssignment.getAll': [{ projectId: { __rl: true, mode: 'list', value: '' } }],
	// The filled name (or email) matches the sample record every list answers with, so the first run finds it; a name
	// (or email) no record has makes Find or Create create.
	'client.findOrCreate': [{ name: 'Not Listed Yet' }],
	'project.findOrCreate': [{ name: 'Not Listed Yet' }],
	'task.findOrCreate': [{ name: 'Not Listed Yet' }],
	'contact.findOrCreate': [{ email: 'not.listed@example.com' }],
	'user.findOrCreate': [{ email: 'not.listed@example.com' }],
	// Create or Update likewise: the sample record is found and updated, an unknown key creates.
	'client.upsert': [{ name: 'Not Listed Yet' }],
	'project.upsert': [{ name: 'Not Listed Yet' }],
	'task.upsert': [{ name: 'Not Listed Yet' }],
	'contact.upsert': [{ email: 'not.listed@example.com' }],
	'timeEntry.upsert': [{ externalReference: { id: 'Not Listed Yet' } }],
};

function sample(p: INodeProperties): unknown {
	switch (p.type) {
		case 'resourceLocator':
			return byId(SAMPLE_ID);
		case 'number':
			return 1;
		case 'boolean':
			return true;
		case 'dateTime':
			return '2025-01-02T00:00:00';
		case 'options':
			if (p.default !== '') return p.default;
			// Options loaded from Harvest have no values in the description; theirs are ids.
			if (p.typeOptions?.loadOptionsMethod) return String(SAMPLE_ID);
			return (p.options as INodePropertyOptions[])[0]?.value;
		case 'multiOptions':
			// Options loaded from Harvest (e.g. users) are not in the description; their values are ids.
			if (p.typeOptions?.loadOptionsMethod) return [SAMPLE_ID, SAMPLE_ID + 1];
			return [(p.options as INodePropertyOptions[])[0]?.value];
		case 'json':
			return '{}';
		case 'collection':
			return fillAll((p.options ?? []) as INodeProperties[]);
		case 'fixedCollection': {
			const out: IDataObject = {};
			for (const group of (p.options ?? []) as INodePropertyCollection[]) {
				const row = fillAll(group.values);
				out[group.name] = p.typeOptions?.multipleValues ? [row] : row;
			}
			return out;
		}
		case 'string': {
			// The coverage run gives every item a binary file named `data`.
			if (p.name === 'binaryPropertyName') return 'data';
			const hint = `${p.name} ${p.placeholder ?? ''}`;
			if (/@/.test(hint)) return 'sample@example.com';
			if (/\d(am|pm)\b/.test(hint)) return '8:00am';
			if (/ids$/i.test(p.name)) return `${SAMPLE_ID}, ${SAMPLE_ID + 1}`;
			if (/Id$/.test(p.name) || /_id$/.test(p.name)) return String(SAMPLE_ID);
			return 'Sample';
		}
		default:
			return undefined;
	}
}

function fillAll(properties: INodeProperties[]): IDataObject {
	const out: IDataObject = {};
	for (const p of properties) {
		const value = sample(p);
		if (value !== undefined) out[p.name] = value as IDataObject[string];
	}
	return out;
}

/** Parameters for one run of `resource.operation`: every field shown for it, filled. */
export function fillOperation(properties: INodeProperties[], resource: string, operation: string): IDataObject {
	const visible = properties.filter(
		(p) =>
			p.displayOptions?.show?.resource?.includes(resource) &&
			p.displayOptions?.show?.operation?.includes(operation) &&
			p.type !== 'notice',
	);
	return {
		...fillAll(visible),
		resource,
		operation,
		returnAll: true,
		...OVERRIDES[`${resource}.${operation}`],
	};
}

/** Every run of `resource.operation`: the filled parameters, then each of its EXTRA_RUNS over them. */
export function fillRuns(properties: INodeProperties[], resource: string, operation: string): IDataObject[] {
	const filled = fillOperation(properties, resource, operation);
	return [filled, ...(EXTRA_RUNS[`${resource}.${operation}`] ?? []).map((extra) => ({ ...filled, ...extra }))];
}
