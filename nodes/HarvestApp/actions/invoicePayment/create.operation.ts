import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { createOperation } from '../../helpers/operations';
import { invalid, isEmpty, locatorValue } from '../../helpers/validation';

// The payment that brings the amount due to zero marks the invoice paid.
const base = createOperation({ resource: 'invoicePayment', operation: 'create' }, 'POST /invoices/{invoiceId}/payments', {
	before: [
		{
			displayName: 'Give either Paid At (date and time) or Paid Date, not both; without either Harvest records the payment now',
			name: 'paidNotice',
			type: 'notice',
			default: '',
		},
	],
});

export const description = base.description;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (!isEmpty(locatorValue(fields.paid_at)) && !isEmpty(locatorValue(fields.paid_date))) {
		invalid(this, itemIndex, 'Paid Date', 'cannot be set together with "Paid At"', 'Harvest takes one of the two; remove either.');
	}
	return await base.execute.call(this, itemIndex);
}
