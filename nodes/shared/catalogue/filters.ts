import type { FilterSpec } from './types';

export const APPROVAL_STATUSES = ['approved', 'submitted', 'unsubmitted'] as const;
export const INVOICE_STATES = ['closed', 'draft', 'open', 'paid'] as const;
export const ESTIMATE_STATES = ['accepted', 'declined', 'draft', 'sent'] as const;

/** Every query filter used by any list endpoint, typed once. */
export const FILTERS: Record<string, FilterSpec> = {
	approval_status: { type: 'options', values: APPROVAL_STATUSES },
	client_id: { type: 'id' },
	external_reference_id: { type: 'string' },
	from: { type: 'date' },
	include_fixed_fee: { type: 'boolean' },
	is_active: { type: 'boolean' },
	is_billed: { type: 'boolean' },
	is_running: { type: 'boolean' },
	project_id: { type: 'id' },
	reminder: { type: 'boolean' },
	state: { type: 'options' },
	task_id: { type: 'id' },
	thank_you: { type: 'boolean' },
	to: { type: 'date' },
	updated_since: { type: 'dateTime' },
	user_id: { type: 'id' },
};
