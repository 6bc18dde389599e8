import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { endpoint, type EndpointKey } from '../../shared/catalogue';
import { harvestList, harvestRequest } from '../../shared/transport';

import { fieldsCollection, topFields } from '../descriptions/fields';
import { readBody } from './body';
import type { HarvestOperation, OperationTarget } from './interfaces';
import { describeOperation, operationFields, type BodyOptions } from './operations';

export interface FindOrCreateOptions extends BodyOptions {
	/** List endpoint searched for an existing record. */
	search: EndpointKey;
	/** Endpoint that creates the record when none matches. */
	create: EndpointKey;
	/** Body fields that also narrow the search, sent as list filters (e.g. `client_id` for projects). */
	scope?: readonly string[];
}

/** Names compare without case and surrounding or repeated spaces, the way people see them as equal. */
export function sameName(a: unknown, b: unknown): boolean {
	const norm = (v: unknown) => String(v ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
	return norm(a) === norm(b);
}

/**
 * Returns the record whose name matches, or creates it. Running it twice with the same input creates one
 * record: the second run finds the first one's. An active match wins over an archived one.
 */
export function findOrCreateOperation(target: OperationTarget, options: FindOrCreateOptions): HarvestOperation {
	const specs = operationFields(options.create, options);
	const top = options.top ?? specs.filter((s) => s.required).map((s) => s.name);
	const rest = specs.filter((s) => !top.includes(s.name));
	const list = endpoint(options.search).list;
	if (!list) throw new Error(`${options.search} is not a list endpoint`);
	return {
		description: describeOperation(target, [
			...(options.before ?? []),
			...topFields(specs, top),
			...(rest.length ? [fieldsCollection('additionalFields', 'Additional Fields (When Created)', rest)] : []),
		]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const body = readBody.call(this, itemIndex, specs, { top, collection: 'additionalFields', collectionLabel: 'Additional Fields (When Created)' });
			const qs: IDataObject = {};
			for (const name of options.scope ?? []) qs[name] = body[name];
			const records = await harvestList.call(this, { path: endpoint(options.search).path, listKey: list.key, qs, itemIndex });
			const matches = records.filter((record) => sameName(record.name, body.name));
			const found = matches.find((record) => record.is_active !== false) ?? matches[0];
			if (found) return found;
			return await harvestRequest.call(this, { method: 'POST', path: endpoint(options.create).path, body, itemIndex });
		},
	};
}
