import { defineResource } from '../../helpers/resource';
import * as addLineItem from './addLineItem.operation';
import * as create from './create.operation';
import * as deleteEstimate from './delete.operation';
import * as downloadPdf from './downloadPdf.operation';
import * as find from './find.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeLineItem from './removeLineItem.operation';
import * as update from './update.operation';
import * as updateLineItem from './updateLineItem.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['estimate'] } },
		options: [
			{ name: 'Add Line Item', value: 'addLineItem', action: 'Add a line item to an estimate', description: 'Append one line to an estimate' },
			{ name: 'Create', value: 'create', action: 'Create an estimate', description: 'Create an estimate with the lines you enter' },
			{ name: 'Delete', value: 'delete', action: 'Delete an estimate', description: 'Delete an estimate for good' },
			{
				name: 'Download PDF',
				value: 'downloadPdf',
				action: 'Download an estimate as a file',
				description: 'Get the estimate with its PDF as a binary file, from the estimate\'s client link',
			},
			{ name: 'Find', value: 'find', action: 'Find an estimate', description: 'Look up estimates by number; never creates one' },
			{ name: 'Get', value: 'get', action: 'Get an estimate', description: 'Retrieve one estimate' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many estimates', description: 'List estimates, filtered' },
			{
				name: 'Remove Line Item',
				value: 'removeLineItem',
				action: 'Remove a line item from an estimate',
				description: 'Delete one line of an estimate',
			},
			{ name: 'Update', value: 'update', action: 'Update an estimate', description: 'Change fields of an estimate' },
			{
				name: 'Update Line Item',
				value: 'updateLineItem',
				action: 'Update a line item of an estimate',
				description: 'Change fields of one line of an estimate',
			},
		],
		default: 'getAll',
	},
	{ addLineItem, create, delete: deleteEstimate, downloadPdf, find, get, getAll, removeLineItem, update, updateLineItem },
);
