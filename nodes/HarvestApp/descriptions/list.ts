import type { INodeProperties } from 'n8n-workflow';
import { endpoint, FILTERS, type BodyFieldSpec, type EndpointKey } from '../../shared/catalogue';

import { fieldsCollection } from './fields';

export interface FilterOptions {
	/** Filters shown elsewhere (e.g. as required parameters) rather than in the collection. */
	exclude?: readonly string[];
	/** Allowed values of `options` filters whose values depend on the endpoint (e.g. `state`). */
	values?: Record<string, readonly string[]>;
}

/** The filter specs of a list endpoint, typed from the catalogue's FILTERS. */
export function filterSpecs(key: EndpointKey, options: FilterOptions = {}): BodyFieldSpec[] {
	const list = endpoint(key).list;
	if (!list) throw new Error(`${key} is not a list endpoint`);
	return list.filters
		.filter((name) => !options.exclude?.includes(name))
		.map((name) => {
			const filter = FILTERS[name];
			if (!filter) throw new Error(`Filter ${name} has no type in FILTERS`);
			const values = options.values?.[name] ?? filter.values;
			return { name, type: filter.type, values } as BodyFieldSpec;
		});
}

/** A "Filters" collection with every documented filter of a list endpoint. */
export function filtersCollection(key: EndpointKey, options: FilterOptions = {}): INodeProperties[] {
	const specs = filterSpecs(key, options);
	return specs.length ? [fieldsCollection('filters', 'Filters', specs)] : [];
}
