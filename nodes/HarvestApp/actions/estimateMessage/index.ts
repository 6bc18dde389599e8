import { defineResource } from '../../helpers/resource';
import * as accept from './accept.operation';
import * as decline from './decline.operation';
import * as deleteMessage from './delete.operation';
import * as getAll from './getAll.operation';
import * as getAllAcross from './getAllAcross.operation';
import * as markAsSent from './markAsSent.operation';
import * as reopen from './reopen.operation';
import * as send from './send.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['estimateMessage'] } },
		options: [
			{ name: 'Accept', value: 'accept', action: 'Accept an estimate', description: 'Mark a sent estimate as accepted, without an email' },
			{ name: 'Decline', value: 'decline', action: 'Decline an estimate', description: 'Mark a sent estimate as declined, without an email' },
			{ name: 'Delete', value: 'delete', action: 'Delete an estimate message', description: 'Delete a message from an estimate’s history' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many estimate messages', description: 'List the messages and events of an estimate' },
			{
				name: 'Get Many Across Estimates',
				value: 'getAllAcross',
				action: 'Get many estimate messages across estimates',
				description: 'List the messages of every estimate that matches the estimate filters',
			},
			{ name: 'Mark as Sent', value: 'markAsSent', action: 'Mark an estimate as sent', description: 'Mark a draft estimate as sent, without an email' },
			{
				name: 'Re-Open',
				value: 'reopen',
				action: 'Reopen an estimate',
				description: 'Return an accepted or declined estimate to sent, without an email',
			},
			{ name: 'Send', value: 'send', action: 'Send an estimate message', description: 'Email the estimate to its recipients; a draft becomes sent' },
		],
		default: 'send',
	},
	{ accept, decline, delete: deleteMessage, getAll, getAllAcross, markAsSent, reopen, send },
);
