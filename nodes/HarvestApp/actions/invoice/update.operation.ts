import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { updateOperation } from '../../helpers/operations';
import { checkDueDate } from './shared';

// Lines have their own operations (Add / Update / Remove Line Item), which say which line they touch.
const base = updateOperation({ resource: 'invoice', operation: 'update' }, 'PATCH /invoices/{invoiceId}', {
	exclude: ['line_items'],
});

export const description = base.description;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	checkDueDate.call(this, itemIndex, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
	return await base.execute.call(this, itemIndex);
}
