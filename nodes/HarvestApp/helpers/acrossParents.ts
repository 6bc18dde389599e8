import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { endpoint, endpointPath, type EndpointKey } from '../../shared/catalogue';
import { harvestList, harvestPages } from '../../shared/transport';

import { fieldsCollection } from '../descriptions/fields';
import { filterSpecs, filtersCollection } from '../descriptions/list';
import { returnAllOrLimit } from '../../shared/descriptions/limit';
import { readBody, readFilters } from './body';
import type { HarvestOperation, OperationTarget } from './interfaces';
import { describeOperation } from './operations';
import { readLimit } from './validation';

/**
 * Harvest lists invoice messages, invoice payments, estimate messages and a user's project assignments one
 * parent at a time. These operations read them for every parent that matches the parent filters: the parents
 * page by page, then each parent's list, a few at a time (each request through the account's rate governor),
 * handed out in the parents' order with the parent's id as `parent_id`.
 */

/** Parents whose lists are read at once; the governor paces them within Harvest's 100 requests per 15 s. */
export const PARALLEL_PARENTS = 4;

/**
 * `work` for each item, at most `concurrency` at once, results yielded in the items' order. Stopping the
 * iteration early starts no further work and waits for what was started, so no request outlives the caller.
 */
export async function* inOrder<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): AsyncGenerator<R> {
	const pending: Array<Promise<R>> = [];
	let next = 0;
	const start = () => {
		const promise = work(items[next++]);
		promise.catch(() => undefined); // awaited in order below; this only keeps a later failure from being "unhandled"
		pending.push(promise);
	};
	try {
		while (pending.length < concurrency && next < items.length) start();
		while (pending.length) {
			const result = await (pending.shift() as Promise<R>);
			if (next < items.length) start();
			yield result;
		}
	} finally {
		await Promise.allSettled(pending);
	}
}

export interface AcrossParentsOptions {
	/** The parents' list, e.g. `GET /invoices`. */
	parents: EndpointKey;
	/** One parent's list, e.g. `GET /invoices/{invoiceId}/messages`. */
	children: EndpointKey;
	/** Editor name of the parents, e.g. "Invoice". */
	parentLabel: string;
	/** Allowed values of the parents' `options` filters (e.g. invoice states). */
	values?: Record<string, readonly string[]>;
}

export function acrossParentsOperation(target: OperationTarget, options: AcrossParentsOptions): HarvestOperation {
	const parentSpecs = filterSpecs(options.parents, { values: options.values });
	const childSpecs = filterSpecs(options.children);
	const parentFiltersLabel = `${options.parentLabel} Filters`;
	const [placeholder] = [...endpoint(options.children).path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
	const parents = endpoint(options.parents);
	const children = endpoint(options.children);
	return {
		description: describeOperation(target, [
			...returnAllOrLimit(),
			fieldsCollection('parentFilters', parentFiltersLabel, parentSpecs),
			...filtersCollection(options.children),
		]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const limit = readLimit.call(this, itemIndex) || Number.POSITIVE_INFINITY;
			const parentQs = readBody.call(this, itemIndex, parentSpecs, { top: [], collection: 'parentFilters', collectionLabel: parentFiltersLabel });
			const childQs = readFilters.call(this, itemIndex, childSpecs);
			const out: IDataObject[] = [];
			const readChildren = async (parent: IDataObject) => {
				const path = endpointPath(children, { [placeholder]: Number(parent.id) });
				const records = await harvestList.call(this, { path, listKey: children.list!.key, qs: childQs, limit: Number.isFinite(limit) ? limit : 0, itemIndex });
				return records.map((record) => ({ ...record, parent_id: parent.id }));
			};
			for await (const page of harvestPages.call(this, { path: parents.path, listKey: parents.list!.key, qs: parentQs, itemIndex })) {
				for await (const records of inOrder(page.records, PARALLEL_PARENTS, readChildren)) {
					out.push(...records);
					if (out.length >= limit) return out.slice(0, limit);
				}
			}
			return out;
		},
	};
}
