import type { INodeProperties } from 'n8n-workflow';

import type { HarvestOperation } from '../../helpers/interfaces';
import { createOperation, getManyOperation, getOperation } from '../../helpers/operations';

export type RateKind = 'billable' | 'cost';

/**
 * Billable and cost rates work alike: Harvest has no update or delete for them, a new rate replaces old ones.
 * Saying how up front avoids wiping a person's rate history by accident.
 */
function replacementNotice(kind: RateKind): INodeProperties {
	return {
		displayName: `Harvest cannot edit or delete ${kind} rates; a new rate replaces old ones. Without a Start Date it replaces all of the person’s ${kind} rates. With a Start Date it replaces the rates that start on or after that day, and the rate before it ends the day before. The Start Date cannot be in the future.`,
		name: 'replacementNotice',
		type: 'notice',
		default: '',
	};
}

/** Get, Get Many or Create of one kind of rate. */
export function rateOperation(resource: string, kind: RateKind, operation: 'create' | 'get' | 'getAll'): HarvestOperation {
	const base = `/users/{userId}/${kind}_rates` as const;
	const target = { resource, operation };
	if (operation === 'create') {
		return createOperation(target, `POST ${base}`, { top: ['amount', 'start_date'], before: [replacementNotice(kind)] });
	}
	if (operation === 'get') return getOperation(target, `GET ${base}/{${kind}RateId}`);
	return getManyOperation(target, `GET ${base}`);
}
