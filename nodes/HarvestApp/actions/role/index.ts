import { defineResource } from '../../helpers/resource';
import * as create from './create.operation';
import * as deleteRole from './delete.operation';
import * as find from './find.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['role'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a role', description: 'Create a role and give it to people' },
			{ name: 'Delete', value: 'delete', action: 'Delete a role', description: 'Delete a role; its people keep their accounts' },
			{ name: 'Find', value: 'find', action: 'Find a role', description: 'Look up roles by name; never creates one' },
			{ name: 'Get', value: 'get', action: 'Get a role', description: 'Retrieve one role and its people' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many roles', description: 'List roles' },
			{ name: 'Update', value: 'update', action: 'Update a role', description: 'Rename a role or change its people' },
		],
		default: 'get',
	},
	{ create, delete: deleteRole, find, get, getAll, update },
);
