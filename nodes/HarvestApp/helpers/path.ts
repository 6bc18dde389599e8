import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { endpoint, endpointPath, type EndpointKey } from '../../shared/catalogue';

import { locator, placeholderKind, urlPattern, type LocatorOptions } from '../../shared/descriptions/locators';
import { titleCase } from '../descriptions/text';
import { toId } from './validation';

/** `{clientId}` placeholders of an endpoint path, in order. */
export function placeholders(key: EndpointKey): string[] {
	return [...endpoint(key).path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}

function label(placeholder: string): string {
	return titleCase(placeholder.replace(/Id$/, '').replace(/([A-Z])/g, ' $1').toLowerCase()) + ' ID';
}

/**
 * One required parameter per path placeholder, named like the placeholder: a picker where the record kind
 * has a list search, a plain ID field otherwise.
 */
export function pathFields(key: EndpointKey, overrides: Record<string, LocatorOptions> = {}): INodeProperties[] {
	return placeholders(key).map((name) => {
		const kind = placeholderKind(name, endpoint(key).path);
		if (kind) return locator(kind, { name, ...overrides[name] });
		return {
			displayName: overrides[name]?.displayName ?? label(name),
			name,
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 12345678',
			description: overrides[name]?.description,
		} as INodeProperties;
	});
}

/** Reads and checks the path ids of the item, then fills the endpoint path. */
export function readPath(this: IExecuteFunctions, itemIndex: number, key: EndpointKey): string {
	const params: Record<string, number> = {};
	for (const name of placeholders(key)) {
		const kind = placeholderKind(name, endpoint(key).path);
		const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
		const displayName = kind ? locator(kind).displayName : label(name);
		params[name] = toId({ ctx: this, itemIndex, label: displayName }, raw, kind ? urlPattern(kind) : undefined);
	}
	return endpointPath(endpoint(key), params);
}
