import { defineResource } from '../../helpers/resource';
import * as activate from './activate.operation';
import * as archive from './archive.operation';
import * as create from './create.operation';
import * as deleteProject from './delete.operation';
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
		displayOptions: { show: { resource: ['project'] } },
		options: [
			{ name: 'Activate', value: 'activate', action: 'Activate a project', description: 'Restore an archived project' },
			{
				name: 'Archive',
				value: 'archive',
				action: 'Archive a project',
				description: 'Mark a project inactive; its time and expenses stay',
			},
			{ name: 'Create', value: 'create', action: 'Create a project', description: 'Create a new project for a client' },
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a project',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a project',
				description: 'Delete a project together with its time entries and expenses',
			},
			{ name: 'Find', value: 'find', action: 'Find a project', description: 'Look up projects by name or code; never creates one' },
			{
				name: 'Find or Create',
				value: 'findOrCreate',
				action: 'Find or create a project',
				description: 'Return the client’s project with this name, creating it only if none exists',
			},
			{ name: 'Get', value: 'get', action: 'Get a project', description: 'Retrieve one project' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many projects', description: 'List projects, filtered' },
			{ name: 'Update', value: 'update', action: 'Update a project', description: 'Change fields of a project' },
		],
		default: 'get',
	},
	{ activate, archive, create, delete: deleteProject, find, findOrCreate, get, getAll, update, upsert },
);
