import { defineResource } from '../../helpers/resource';
import * as create from './create.operation';
import * as deleteCategory from './delete.operation';
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
		displayOptions: { show: { resource: ['estimateItemCategory'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create an estimate item category', description: 'Create a new estimate item category' },
			{ name: 'Delete', value: 'delete', action: 'Delete an estimate item category', description: 'Delete an estimate item category' },
			{ name: 'Find', value: 'find', action: 'Find an estimate item category', description: 'Look up estimate item categories by name; never creates one' },
			{ name: 'Get', value: 'get', action: 'Get an estimate item category', description: 'Retrieve one estimate item category' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many estimate item categories', description: 'List estimate item categories' },
			{ name: 'Update', value: 'update', action: 'Update an estimate item category', description: 'Rename an estimate item category' },
		],
		default: 'getAll',
	},
	{ create, delete: deleteCategory, find, get, getAll, update },
);
