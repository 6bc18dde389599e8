import { defineResource } from '../../helpers/resource';
import * as getAll from './getAll.operation';
import * as set from './set.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['teammate'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many teammates of a manager',
				description: 'List the people assigned to a manager',
			},
			{
				name: 'Set Teammates',
				value: 'set',
				action: 'Set the teammates of a manager',
				description: 'Replace the whole set of people assigned to a manager',
			},
		],
		default: 'getAll',
	},
	{ getAll, set },
);
