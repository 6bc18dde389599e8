import { defineResource } from '../../helpers/resource';
import * as create from './create.operation';
import * as deleteExpense from './delete.operation';
import * as deleteReceipt from './deleteReceipt.operation';
import * as downloadReceipt from './downloadReceipt.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['expense'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an expense',
				description: 'Record an expense, optionally with a receipt file from the input item',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete an expense', description: 'Delete an expense' },
			{
				name: 'Delete Receipt',
				value: 'deleteReceipt',
				action: 'Delete the receipt of an expense',
				description: 'Remove the attached receipt and keep the expense',
			},
			{
				name: 'Download Receipt',
				value: 'downloadReceipt',
				action: 'Download the receipt of an expense',
				description: 'Get the expense with its receipt as a binary file',
			},
			{ name: 'Get', value: 'get', action: 'Get an expense', description: 'Retrieve one expense' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many expenses', description: 'List expenses, filtered' },
			{
				name: 'Update',
				value: 'update',
				action: 'Update an expense',
				description: 'Change fields of an expense or replace its receipt',
			},
		],
		default: 'create',
	},
	{ create, delete: deleteExpense, deleteReceipt, downloadReceipt, get, getAll, update },
);
