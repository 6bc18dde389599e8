import { defineResource } from '../../helpers/resource';
import * as activate from './activate.operation';
import * as archive from './archive.operation';
import * as create from './create.operation';
import * as deleteUser from './delete.operation';
import * as find from './find.operation';
import * as findByEmail from './findByEmail.operation';
import * as findOrCreate from './findOrCreate.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as me from './me.operation';
import * as update from './update.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{ name: 'Activate', value: 'activate', action: 'Activate a user', description: 'Restore an archived user' },
			{
				name: 'Archive',
				value: 'archive',
				action: 'Archive a user',
				description: 'Mark a user inactive; their time and expenses stay',
			},
			{ name: 'Create', value: 'create', action: 'Create a user', description: 'Invite a new user to the account' },
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a user',
				description: 'Delete a user who has no time entries or expenses',
			},
			{ name: 'Find', value: 'find', action: 'Find a user', description: 'Look up users by email or name; never creates one' },
			{
				name: 'Find by Email',
				value: 'findByEmail',
				action: 'Find a user by email',
				description: 'Return the user with this email address, if there is one',
			},
			{
				name: 'Find or Create',
				value: 'findOrCreate',
				action: 'Find or create a user',
				description: 'Return the user with this email, creating (and inviting) one only if none exists',
			},
			{ name: 'Get', value: 'get', action: 'Get a user', description: 'Retrieve one user' },
			{
				name: 'Get Current User',
				value: 'me',
				action: 'Get the current user',
				description: 'Retrieve the user the credential belongs to',
			},
			{ name: 'Get Many', value: 'getAll', action: 'Get many users', description: 'List users, filtered' },
			{ name: 'Update', value: 'update', action: 'Update a user', description: 'Change fields of a user' },
		],
		default: 'get',
	},
	{ activate, archive, create, delete: deleteUser, find, findByEmail, findOrCreate, get, getAll, me, update },
);
