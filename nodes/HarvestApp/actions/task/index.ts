import { defineResource } from '../../helpers/resource';
import * as activate from './activate.operation';
import * as archive from './archive.operation';
import * as create from './create.operation';
import * as deleteTask from './delete.operation';
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
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{ name: 'Activate', value: 'activate', action: 'Activate a task', description: 'Restore an archived task' },
			{
				name: 'Archive',
				value: 'archive',
				action: 'Archive a task',
				description: 'Mark a task inactive; tracked time stays',
			},
			{ name: 'Create', value: 'create', action: 'Create a task', description: 'Create a new task' },
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a task',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a task',
				description: 'Delete a task that has no tracked time',
			},
			{ name: 'Find', value: 'find', action: 'Find a task', description: 'Look up tasks by name; never creates one' },
			{
				name: 'Find or Create',
				value: 'findOrCreate',
				action: 'Find or create a task',
				description: 'Return the task with this name, creating it only if none exists',
			},
			{ name: 'Get', value: 'get', action: 'Get a task', description: 'Retrieve one task' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many tasks', description: 'List tasks, filtered' },
			{ name: 'Update', value: 'update', action: 'Update a task', description: 'Change fields of a task' },
		],
		default: 'get',
	},
	{ activate, archive, create, delete: deleteTask, find, findOrCreate, get, getAll, update, upsert },
);
