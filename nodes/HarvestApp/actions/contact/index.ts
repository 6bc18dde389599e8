import { defineResource } from '../../helpers/resource';
import * as create from './create.operation';
import * as deleteContact from './delete.operation';
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
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a contact', description: 'Add a person to a client' },
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a contact',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a contact', description: 'Delete a contact for good' },
			{ name: 'Find', value: 'find', action: 'Find a contact', description: 'Look up contacts by email or name; never creates one' },
			{
				name: 'Find or Create',
				value: 'findOrCreate',
				action: 'Find or create a contact',
				description: 'Return the contact with this email at the client, creating it only if none exists',
			},
			{ name: 'Get', value: 'get', action: 'Get a contact', description: 'Retrieve one contact' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many contacts', description: 'List contacts, filtered' },
			{ name: 'Update', value: 'update', action: 'Update a contact', description: 'Change fields of a contact' },
		],
		default: 'get',
	},
	{ create, delete: deleteContact, find, findOrCreate, get, getAll, update, upsert },
);
