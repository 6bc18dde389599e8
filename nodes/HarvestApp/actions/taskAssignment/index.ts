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
		displayOptions: { show: { resource: ['taskAssignment'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a task assignment', description: 'Add a task to a project' },
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a task assignment',
				description: 'Remove a task from a project where no time was tracked to it',
			},
			{ name: 'Get', value: 'get', action: 'Get a task assignment', description: 'Retrieve one task assignment' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many task assignments',
				description: 'List the tasks of one project or of every project',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a task assignment',
				description: 'Change billing, rate or budget of a task on a project',
			},
		],
		default: 'getAll',
	},
	{ create, delete: deleteAssignment, get, getAll, update },
);
