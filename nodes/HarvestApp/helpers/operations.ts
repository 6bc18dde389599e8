import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { bodyFields, endpoint, type BodyFieldSpec, type EndpointKey } from '../../shared/catalogue';
import { harvestList, harvestRequest } from '../../shared/transport';

import { fieldsCollection, topFields } from '../descriptions/fields';
import { returnAllOrLimit } from '../../shared/descriptions/limit';
import { filterSpecs, filtersCollection, type FilterOptions } from '../descriptions/list';
import type { LocatorOptions } from '../../shared/descriptions/locators';
import { readBody, readFilters } from './body';
import type { HarvestOperation, OperationTarget } from './interfaces';
import { pathFields, readPath } from './path';
import { invalid, readLimit } from './validation';

/*
 * Operation factories for the plain cases: one catalogue row plus a few options make one operation, so
 * every Get, Get Many, Create, Update, Delete, Archive and Activate reads, checks and sends the same way.
 */

export interface CommonOptions {
	/** Editor wording of the path pickers, by placeholder name. */
	path?: Record<string, LocatorOptions>;
	/** Extra fields (e.g. notices) shown before the generated ones. */
	before?: INodeProperties[];
}

function describe(target: OperationTarget, properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [target.resource], operation: [target.operation] } }, properties);
}

/** Records of a list endpoint for one item: every page with Return All, else up to Limit. */
export async function readList(
	this: IExecuteFunctions,
	itemIndex: number,
	key: EndpointKey,
	qs: IDataObject,
): Promise<IDataObject[]> {
	const list = endpoint(key).list;
	if (!list) throw new Error(`${key} is not a list endpoint`);
	const limit = readLimit.call(this, itemIndex);
	const path = readPath.call(this, itemIndex, key);
	return await harvestList.call(this, { path, listKey: list.key, qs, limit, itemIndex });
}

/** GET one record. */
export function getOperation(target: OperationTarget, key: EndpointKey, options: CommonOptions = {}): HarvestOperation {
	return {
		description: describe(target, [...(options.before ?? []), ...pathFields(key, options.path)]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const path = readPath.call(this, itemIndex, key);
			return await harvestRequest.call(this, { method: 'GET', path, itemIndex });
		},
	};
}

/** GET a list: Return All or Limit, and every documented filter. */
export function getManyOperation(
	target: OperationTarget,
	key: EndpointKey,
	options: CommonOptions & FilterOptions = {},
): HarvestOperation {
	const specs = filterSpecs(key, options);
	return {
		description: describe(target, [
			...(options.before ?? []),
			...pathFields(key, options.path),
			...returnAllOrLimit(),
			...filtersCollection(key, options),
		]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const qs = readFilters.call(this, itemIndex, specs);
			return await readList.call(this, itemIndex, key, qs);
		},
	};
}

export interface BodyOptions extends CommonOptions {
	/** Body fields shown as top-level parameters; by default the required ones. */
	top?: readonly string[];
	/** Body fields this operation does not offer. */
	exclude?: readonly string[];
	/** Body fields this operation requires although Harvest does not (e.g. Hours when creating by duration). */
	required?: readonly string[];
	/** A rule between fields, run on the checked body before anything is sent (each field is checked first). */
	checkBody?: (this: IExecuteFunctions, itemIndex: number, body: IDataObject) => void;
}

/** The endpoint's body fields as this operation offers them. */
export function operationFields(key: EndpointKey, options: BodyOptions = {}): BodyFieldSpec[] {
	return bodyFields(key)
		.filter((s) => !options.exclude?.includes(s.name))
		.map((s) => (options.required?.includes(s.name) ? { ...s, required: true } : s));
}

/** POST a new record: required fields up front, the rest under Additional Fields. */
export function createOperation(target: OperationTarget, key: EndpointKey, options: BodyOptions = {}): HarvestOperation {
	const specs = operationFields(key, options);
	const top = options.top ?? specs.filter((s) => s.required).map((s) => s.name);
	const rest = specs.filter((s) => !top.includes(s.name));
	return {
		description: describe(target, [
			...(options.before ?? []),
			...pathFields(key, options.path),
			...topFields(specs, top),
			...(rest.length ? [fieldsCollection('additionalFields', 'Additional Fields', rest)] : []),
		]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const body = readBody.call(this, itemIndex, specs, { top, collection: 'additionalFields' });
			options.checkBody?.call(this, itemIndex, body);
			const path = readPath.call(this, itemIndex, key);
			return await harvestRequest.call(this, { method: 'POST', path, body, itemIndex });
		},
	};
}

/** PATCH a record with the fields picked under Update Fields; at least one is needed. */
export function updateOperation(target: OperationTarget, key: EndpointKey, options: BodyOptions = {}): HarvestOperation {
	const specs = operationFields(key, options);
	return {
		description: describe(target, [
			...(options.before ?? []),
			...pathFields(key, options.path),
			fieldsCollection('updateFields', 'Update Fields', specs),
		]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const path = readPath.call(this, itemIndex, key);
			const body = readBody.call(this, itemIndex, specs, { top: [], collection: 'updateFields' });
			if (Object.keys(body).length === 0) {
				invalid(this, itemIndex, 'Update Fields', 'needs at least one field', 'Add the fields to change.');
			}
			options.checkBody?.call(this, itemIndex, body);
			return await harvestRequest.call(this, { method: 'PATCH', path, body, itemIndex });
		},
	};
}

/** DELETE a record; the output is `{ deleted: true }` (n8n's convention), since Harvest answers with nothing. */
export function deleteOperation(target: OperationTarget, key: EndpointKey, options: CommonOptions = {}): HarvestOperation {
	return {
		description: describe(target, [...(options.before ?? []), ...pathFields(key, options.path)]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const path = readPath.call(this, itemIndex, key);
			await harvestRequest.call(this, { method: 'DELETE', path, itemIndex });
			return { deleted: true };
		},
	};
}

/** Archive (false) or activate (true): Harvest's way to retire a record without losing its history. */
export function setActiveOperation(
	target: OperationTarget,
	key: EndpointKey,
	active: boolean,
	options: CommonOptions = {},
): HarvestOperation {
	return {
		description: describe(target, [...(options.before ?? []), ...pathFields(key, options.path)]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const path = readPath.call(this, itemIndex, key);
			return await harvestRequest.call(this, { method: 'PATCH', path, body: { is_active: active }, itemIndex });
		},
	};
}

/** A body-less call on one record, e.g. stop a timer. */
export function actionOperation(
	target: OperationTarget,
	key: EndpointKey,
	options: CommonOptions = {},
): HarvestOperation {
	const { method } = endpoint(key);
	return {
		description: describe(target, [...(options.before ?? []), ...pathFields(key, options.path)]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const path = readPath.call(this, itemIndex, key);
			const result = await harvestRequest.call(this, { method, path, itemIndex });
			return method === 'DELETE' ? { deleted: true } : result;
		},
	};
}

export { describe as describeOperation };
