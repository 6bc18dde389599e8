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
		displayOptions: { show: { resource: ['invoiceItemCategory'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create an invoice item category', description: 'Create a new invoice item category' },
			{ name: 'Delete', value: 'delete', action: 'Delete an invoice item category', description: 'Delete an invoice item category' },
			{ name: 'Find', value: 'find', action: 'Find an invoice item category', description: 'Look up invoice item categories by name; never creates one' },
			{ name: 'Get', value: 'get', action: 'Get an invoice item category', description: 'Retrieve one invoice item category' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many invoice item categories', description: 'List invoice item categories' },
			{ name: 'Update', value: 'update', action: 'Update an invoice item category', description: 'Rename an invoice item category' },
		],
		default: 'getAll',
	},
	{ create, delete: deleteCategory, find, get, getAll, update },
);
