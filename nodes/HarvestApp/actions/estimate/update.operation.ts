import { updateOperation } from '../../helpers/operations';

// Lines have their own operations (Add / Update / Remove Line Item), which say which line they touch.
export const { description, execute } = updateOperation({ resource: 'estimate', operation: 'update' }, 'PATCH /estimates/{estimateId}', {
	exclude: ['line_items'],
});
