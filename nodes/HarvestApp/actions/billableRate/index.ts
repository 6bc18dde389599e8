import { defineResource } from '../../helpers/resource';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['billableRate'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a billable rate',
				description: 'Give a person a new billable rate, replacing old ones',
			},
			{ name: 'Get', value: 'get', action: 'Get a billable rate', description: 'Retrieve one billable rate of a person' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many billable rates',
				description: 'List the billable rates of a person, oldest first',
			},
		],
		default: 'getAll',
	},
	{ create, get, getAll },
);
