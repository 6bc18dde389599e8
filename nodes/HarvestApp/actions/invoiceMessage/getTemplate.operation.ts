import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { harvestRequest } from '../../../shared/transport';

import { describeOperation } from '../../helpers/operations';
import { pathFields, readPath } from '../../helpers/path';
import { toOption } from '../../helpers/validation';

// Harvest fills in the subject and body it would propose in its web app; nothing is created or sent.
const KEY = 'GET /invoices/{invoiceId}/messages/new';
const TEMPLATES: Record<string, IDataObject> = { invoice: {}, reminder: { reminder: true }, thankYou: { thank_you: true } };

export const description = describeOperation({ resource: 'invoiceMessage', operation: 'getTemplate' }, [
	...pathFields(KEY),
	{
		displayName: 'Template',
		name: 'template',
		type: 'options',
		options: [
			{ name: 'Invoice', value: 'invoice', description: 'The message that sends the invoice' },
			{ name: 'Reminder', value: 'reminder', description: 'A reminder about an unpaid invoice' },
			{ name: 'Thank-You', value: 'thankYou', description: 'A thank-you for a paid invoice' },
		],
		default: 'invoice',
		description: 'Which message to draft',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const raw = this.getNodeParameter('template', itemIndex, 'invoice');
	const template = toOption({ ctx: this, itemIndex, label: 'Template' }, raw, Object.keys(TEMPLATES));
	const path = readPath.call(this, itemIndex, KEY);
	return await harvestRequest.call(this, { method: 'GET', path, qs: TEMPLATES[template], itemIndex });
}
