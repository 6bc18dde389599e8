import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { HarvestOperation, HarvestResource } from './interfaces';

/**
 * Puts a resource together: its Operation selector (written out in the resource's index, where lint checks
 * it) followed by every operation's fields. Options and operation files must match one to one, so a missing
 * or extra file fails when the node loads, and in the tests.
 */
export function defineResource(selector: INodeProperties, operations: Record<string, HarvestOperation>): HarvestResource {
	const resource = selector.displayOptions?.show?.resource?.[0];
	const values = ((selector.options ?? []) as INodePropertyOptions[]).map((o) => String(o.value)).sort();
	const keys = Object.keys(operations).sort();
	if (values.join() !== keys.join()) {
		throw new Error(`Resource ${String(resource)}: options [${values}] do not match operations [${keys}]`);
	}
	return {
		operations,
		description: [selector, ...Object.values(operations).flatMap((op) => op.description)],
	};
}
