import { updateOperation } from '../../helpers/operations';
import { checkDueDate } from './shared';

// Lines have their own operations (Add / Update / Remove Line Item), which say which line they touch.
export const { description, execute } = updateOperation({ resource: 'invoice', operation: 'update' }, 'PATCH /invoices/{invoiceId}', {
	exclude: ['line_items'],
	checkBody: checkDueDate,
});
