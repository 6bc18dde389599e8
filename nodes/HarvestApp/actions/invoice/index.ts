import { defineResource } from '../../helpers/resource';
import * as addLineItem from './addLineItem.operation';
import * as create from './create.operation';
import * as createFromTrackedTime from './createFromTrackedTime.operation';
import * as deleteInvoice from './delete.operation';
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
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{ name: 'Add Line Item', value: 'addLineItem', action: 'Add a line item to an invoice', description: 'Append one line to an invoice' },
			{ name: 'Create', value: 'create', action: 'Create an invoice', description: 'Create a free-form invoice with the lines you enter' },
			{
				name: 'Create From Tracked Time',
				value: 'createFromTrackedTime',
				action: 'Create an invoice from tracked time and expenses',
				description: 'Create an invoice whose lines Harvest builds from uninvoiced billable time and expenses',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete an invoice', description: 'Delete an invoice for good' },
			{
				name: 'Download PDF',
				value: 'downloadPdf',
				action: 'Download an invoice as a file',
				description: 'Get the invoice with its PDF as a binary file, from the invoice\'s client link',
			},
			{ name: 'Find', value: 'find', action: 'Find an invoice', description: 'Look up invoices by number; never creates one' },
			{ name: 'Get', value: 'get', action: 'Get an invoice', description: 'Retrieve one invoice' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many invoices', description: 'List invoices, filtered' },
			{ name: 'Remove Line Item', value: 'removeLineItem', action: 'Remove a line item from an invoice', description: 'Delete one line of an invoice' },
			{ name: 'Update', value: 'update', action: 'Update an invoice', description: 'Change fields of an invoice' },
			{
				name: 'Update Line Item',
				value: 'updateLineItem',
				action: 'Update a line item of an invoice',
				description: 'Change fields of one line of an invoice',
			},
		],
		default: 'getAll',
	},
	{ addLineItem, create, createFromTrackedTime, delete: deleteInvoice, downloadPdf, find, get, getAll, removeLineItem, update, updateLineItem },
);
