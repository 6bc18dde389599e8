import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { harvestRequest } from '../../../shared/transport';

import { describeOperation } from '../../helpers/operations';
import { pathFields, readPath } from '../../helpers/path';
import { isEmpty, toIds } from '../../helpers/validation';
import { fieldText } from '../../descriptions/text';
import { userPicker } from './userPicker';

const KEY = 'PATCH /users/{userId}/teammates';

const notice: INodeProperties = {
	displayName:
		'This replaces the manager’s whole set of teammates: anyone not chosen is unassigned, and an empty list unassigns everyone (Harvest then drops the manager’s people-manager role).',
	name: 'replaceNotice',
	type: 'notice',
	default: '',
};

export const description = describeOperation({ resource: 'teammate', operation: 'set' }, [
	notice,
	...pathFields(KEY, { userId: { description: 'A person with the Manager access role' } }),
	userPicker('teammate_ids', { name: 'teammateIds' }),
]);

/** Harvest answers with the new set (`teammates`), returned as one item so an empty set still yields output. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const path = readPath.call(this, itemIndex, KEY);
	const raw = this.getNodeParameter('teammateIds', itemIndex, []) as unknown;
	// An empty list is a real request here (unassign all), not a missing value.
	const ids = isEmpty(raw) ? [] : toIds({ ctx: this, itemIndex, label: fieldText('teammate_ids').displayName }, raw);
	return await harvestRequest.call(this, { method: 'PATCH', path, body: { teammate_ids: ids }, itemIndex });
}
