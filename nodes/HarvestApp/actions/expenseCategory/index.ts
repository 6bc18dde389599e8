import { defineResource } from '../../helpers/resource';
import * as activate from './activate.operation';
import * as archive from './archive.operation';
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
		displayOptions: { show: { resource: ['expenseCategory'] } },
		options: [
			{
				name: 'Activate',
				value: 'activate',
				action: 'Activate an expense category',
				description: 'Restore an archived expense category',
			},
			{
				name: 'Archive',
				value: 'archive',
				action: 'Archive an expense category',
				description: 'Hide a category from new expenses; old expenses keep it',
			},
			{ name: 'Create', value: 'create', action: 'Create an expense category', description: 'Create a new expense category' },
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an expense category',
				description: 'Delete a category that no expense uses',
			},
			{ name: 'Find', value: 'find', action: 'Find an expense category', description: 'Look up expense categories by name; never creates one' },
			{ name: 'Get', value: 'get', action: 'Get an expense category', description: 'Retrieve one expense category' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many expense categories',
				description: 'List expense categories, filtered',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an expense category',
				description: 'Change fields of an expense category',
			},
		],
		default: 'get',
	},
	{ activate, archive, create, delete: deleteCategory, find, get, getAll, update },
);
