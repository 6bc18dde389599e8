import { defineResource } from '../../helpers/resource';
import * as create from './create.operation';
import * as deletePayment from './delete.operation';
import * as getAll from './getAll.operation';
import * as getAllAcross from './getAllAcross.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoicePayment'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an invoice payment',
				description: 'Record a payment; the one that covers the amount due marks the invoice paid',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete an invoice payment', description: 'Delete a recorded payment' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many invoice payments', description: 'List the payments of an invoice' },
			{
				name: 'Get Many Across Invoices',
				value: 'getAllAcross',
				action: 'Get many invoice payments across invoices',
				description: 'List the payments of every invoice that matches the invoice filters',
			},
		],
		default: 'create',
	},
	{ create, delete: deletePayment, getAll, getAllAcross },
);
