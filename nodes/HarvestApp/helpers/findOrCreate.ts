import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { endpoint, type EndpointKey, type MatchKey } from '../../shared/catalogue';
import { harvestList, harvestRequest } from '../../shared/transport';

import { fieldsCollection, topFields } from '../descriptions/fields';
import { readBody } from './body';
import type { HarvestOperation, OperationTarget } from './interfaces';
import { matchingRecords } from './match';
import { describeOperation, operationFields, type BodyOptions } from './operations';

export interface FindOrCreateOptions extends BodyOptions {
	/** List endpoint searched for an existing record. */
	search: EndpointKey;
	/** Endpoint that creates the record when none matches. */
	create: EndpointKey;
	/** Body fields that also narrow the search, sent as list filters (e.g. `client_id` for projects). */
	scope?: readonly string[];
	/** What identifies the record (a body field of the same name): its name by default, or its email. */
	matchOn?: Extract<MatchKey, 'name' | 'email'>;
}

/**
 * Returns the record whose name (or email) matches without regard to case and extra spaces, or creates it.
 * Running it twice with the same input creates one record: the second run finds the first one's. An active
 * match wins over an archived one.
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
			const key = options.matchOn ?? 'name';
			const [found] = matchingRecords(records, key, String(body[key] ?? ''), 'ignoreCase');
			if (found) return found;
			return await harvestRequest.call(this, { method: 'POST', path: endpoint(options.create).path, body, itemIndex });
		},
	};
}
