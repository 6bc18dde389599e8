import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalid, locatorValue } from '../../helpers/validation';

/** The invoice's kinds list, line picker and PATCH endpoint, for the line item operations. */
export const INVOICE_DOCUMENT = {
	resource: 'invoice',
	update: 'PATCH /invoices/{invoiceId}',
	idParameter: 'invoiceId',
	kinds: 'getInvoiceItemKinds',
	lineKind: 'invoiceLineItem',
} as const;

/**
 * Harvest silently ignores a Due Date unless the Payment Term is "custom" (its default when none is sent),
 * so a Due Date next to another term is refused instead of being lost.
 */
export function checkDueDate(this: IExecuteFunctions, itemIndex: number, fields: IDataObject): void {
	const due = locatorValue(fields.due_date);
	const term = fields.payment_term;
	if (due && typeof term === 'string' && term !== '' && term !== 'custom') {
		invalid(
			this,
			itemIndex,
			'Due Date',
			`is ignored by Harvest with Payment Term "${term}"`,
			'Set Payment Term to "Custom" to choose the due date, or remove Due Date to let the term compute it.',
		);
	}
}
