import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { endpoint } from '../../shared/catalogue';
import { harvestList } from '../../shared/transport';

const USERS = endpoint('GET /users');

/** Active users by name, for fields that take several people at once (role members, teammates). */
export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const users = await harvestList.call(this, { path: USERS.path, listKey: USERS.list!.key, qs: { is_active: true } });
	return users
		.map((user) => ({
			name: `${user.first_name ?? ''} ${user.last_name ?? ''}`.trim() || String(user.email ?? user.id),
			value: Number(user.id),
			description: typeof user.email === 'string' ? user.email : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
