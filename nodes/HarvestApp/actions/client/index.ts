import { defineResource } from '../../helpers/resource';
import * as activate from './activate.operation';
import * as archive from './archive.operation';
import * as create from './create.operation';
import * as deleteClient from './delete.operation';
import * as find from './find.operation';
import * as findOrCreate from './findOrCreate.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['client'] } },
		options: [
			{ name: 'Activate', value: 'activate', action: 'Activate a client', description: 'Restore an archived client' },
			{
				name: 'Archive',
				value: 'archive',
				action: 'Archive a client',
				description: 'Mark a client inactive; it keeps its projects and history',
			},
			{ name: 'Create', value: 'create', action: 'Create a client', description: 'Create a new client' },
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a client',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a client',
				description: 'Delete a client that has no projects, invoices or estimates',
			},
			{ name: 'Find', value: 'find', action: 'Find a client', description: 'Look up clients by name; never creates one' },
			{
				name: 'Find or Create',
				value: 'findOrCreate',
				action: 'Find or create a client',
				description: 'Return the client with this name, creating it only if none exists',
			},
			{ name: 'Get', value: 'get', action: 'Get a client', description: 'Retrieve one client' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many clients', description: 'List clients, filtered' },
			{ name: 'Update', value: 'update', action: 'Update a client', description: 'Change fields of a client' },
		],
		default: 'get',
	},
	{ activate, archive, create, delete: deleteClient, find, findOrCreate, get, getAll, update, upsert },
);
