import { defineResource } from '../../helpers/resource';
import * as getAll from './getAll.operation';
import * as getAllAcross from './getAllAcross.operation';
import * as getMine from './getMine.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['projectAssignment'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many project assignments of a user',
				description: 'List the active projects of a person, with their tasks',
			},
			{
				name: 'Get Many Across Users',
				value: 'getAllAcross',
				action: 'Get many project assignments across users',
				description: 'List the active projects of every user that matches the user filters',
			},
			{
				name: 'Get Many for Current User',
				value: 'getMine',
				action: 'Get many project assignments of the current user',
				description: 'List the active projects of the person whose credential this is, with their tasks',
			},
		],
		default: 'getMine',
	},
	{ getAll, getAllAcross, getMine },
);
