import { defineResource } from '../../helpers/resource';
import * as get from './get.operation';
import * as update from './update.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['company'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the company',
				description: 'Retrieve the account’s company settings, e.g. whether it uses timestamp timers',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update the company',
				description: 'Change the timer mode or the weekly capacity',
			},
		],
		default: 'get',
	},
	{ get, update },
);
