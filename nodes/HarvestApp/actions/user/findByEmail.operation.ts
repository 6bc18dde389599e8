import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { endpoint } from '../../../shared/catalogue';
import { harvestList } from '../../../shared/transport';

import { readBoolean, toEmail } from '../../helpers/validation';

const USERS = endpoint('GET /users');

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. nathan@example.com',
		description: 'Email address to look for; case does not matter',
	},
	{
		displayName: 'Include Archived Users',
		name: 'includeArchived',
		type: 'boolean',
		default: false,
		description: 'Whether an archived user with this email counts as a match',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['findByEmail'] } }, properties);

/**
 * The user whose email matches, or no output item when there is none, so a flow that matches people by email
 * (e.g. Bitrix24 tasks) simply skips unknown people.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const email = toEmail({ ctx: this, itemIndex, label: 'Email' }, this.getNodeParameter('email', itemIndex, '')).toLowerCase();
	const includeArchived = readBoolean.call(this, itemIndex, 'includeArchived', 'Include Archived Users');
	const qs: IDataObject = includeArchived ? {} : { is_active: true };
	const users = await harvestList.call(this, { path: USERS.path, listKey: USERS.list!.key, qs, itemIndex });
	const match = users
		.filter((user) => String(user.email ?? '').trim().toLowerCase() === email)
		.sort((a, b) => Number(b.is_active !== false) - Number(a.is_active !== false));
	return match.slice(0, 1);
}
