import { defineResource } from '../../helpers/resource';
import * as close from './close.operation';
import * as deleteMessage from './delete.operation';
import * as getAll from './getAll.operation';
import * as getAllAcross from './getAllAcross.operation';
import * as getTemplate from './getTemplate.operation';
import * as markAsDraft from './markAsDraft.operation';
import * as markAsSent from './markAsSent.operation';
import * as reopen from './reopen.operation';
import * as send from './send.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoiceMessage'] } },
		options: [
			{ name: 'Close', value: 'close', action: 'Close an invoice', description: 'Mark an open invoice as closed, without an email' },
			{ name: 'Delete', value: 'delete', action: 'Delete an invoice message', description: 'Delete a message from an invoice’s history' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many invoice messages', description: 'List the messages and events of an invoice' },
			{
				name: 'Get Many Across Invoices',
				value: 'getAllAcross',
				action: 'Get many invoice messages across invoices',
				description: 'List the messages of every invoice that matches the invoice filters',
			},
			{
				name: 'Get Template',
				value: 'getTemplate',
				action: 'Get an invoice message template',
				description: 'Retrieve the subject and body Harvest proposes for a message, without sending it',
			},
			{ name: 'Mark as Draft', value: 'markAsDraft', action: 'Mark an invoice as draft', description: 'Return an open invoice to draft, without an email' },
			{ name: 'Mark as Sent', value: 'markAsSent', action: 'Mark an invoice as sent', description: 'Mark a draft invoice as sent, without an email' },
			{ name: 'Re-Open', value: 'reopen', action: 'Reopen an invoice', description: 'Re-open a closed invoice, without an email' },
			{ name: 'Send', value: 'send', action: 'Send an invoice message', description: 'Email the invoice to its recipients; a draft becomes open' },
		],
		default: 'send',
	},
	{ close, delete: deleteMessage, getAll, getAllAcross, getTemplate, markAsDraft, markAsSent, reopen, send },
);
