import { defineResource } from '../../helpers/resource';
import * as create from './create.operation';
import * as deleteAssignment from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['userAssignment'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a user assignment', description: 'Add a person to a project' },
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a user assignment',
				description: 'Remove a person from a project where they tracked nothing',
			},
			{ name: 'Get', value: 'get', action: 'Get a user assignment', description: 'Retrieve one user assignment' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many user assignments',
				description: 'List who is assigned to one project or to every project',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a user assignment',
				description: 'Change rate, budget or manager status of a person on a project',
			},
		],
		default: 'getAll',
	},
	{ create, delete: deleteAssignment, get, getAll, update },
);
