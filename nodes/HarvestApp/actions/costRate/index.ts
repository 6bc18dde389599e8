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
		displayOptions: { show: { resource: ['costRate'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a cost rate',
				description: 'Give a person a new cost rate, replacing old ones',
			},
			{ name: 'Get', value: 'get', action: 'Get a cost rate', description: 'Retrieve one cost rate of a person' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many cost rates',
				description: 'List the cost rates of a person, oldest first',
			},
		],
		default: 'getAll',
	},
	{ create, get, getAll },
);
