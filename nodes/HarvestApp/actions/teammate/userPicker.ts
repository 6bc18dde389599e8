import type { INodeProperties } from 'n8n-workflow';

import { fieldText } from '../../descriptions/text';

/**
 * Harvest takes people as a list of user IDs. A multi-select of users by name is easier than typing IDs;
 * an expression can still give IDs (array or comma-separated), which the body reader checks.
 */
export function userPicker(field: string, options: { name?: string; hint?: string } = {}): INodeProperties {
	const property: INodeProperties = {
		// Worded in text.ts, so errors from the body reader name the field as the editor shows it.
		displayName: fieldText(field).displayName,
		name: options.name ?? field,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getUsers' },
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	};
	if (options.hint) property.hint = options.hint;
	return property;
}

/** The operation's fields with the named field (top-level or inside a collection) swapped for a user picker. */
export function withUserPicker(properties: INodeProperties[], picker: INodeProperties): INodeProperties[] {
	const swap = (p: INodeProperties): INodeProperties =>
		p.name === picker.name ? { ...picker, displayOptions: p.displayOptions, required: p.required } : p;
	return properties.map((p) => {
		const swapped = swap(p);
		if (p.type !== 'collection') return swapped;
		const options = (p.options as INodeProperties[]).map(swap);
		options.sort((a, b) => a.displayName.localeCompare(b.displayName));
		return { ...p, options };
	});
}
