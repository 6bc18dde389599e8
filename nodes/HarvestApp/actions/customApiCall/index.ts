import { defineResource } from '../../helpers/resource';
import * as request from './request.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customApiCall'] } },
		options: [
			{
				name: 'Make an API Call',
				value: 'request',
				action: 'Make an API call',
				description: 'Send a request to any Harvest API v2 path with the node’s credential',
			},
		],
		default: 'request',
	},
	{ request },
);
