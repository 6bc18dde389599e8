import type { EndpointKey } from './types';

/**
 * How a request-body field is typed. The node turns each kind into an editor field and a validated value;
 * tests use the same facts to check that an operation sends the documented body.
 */
export type BodyFieldType =
	| 'string'
	| 'text' // multi-line string
	| 'email'
	| 'number' // decimal, zero or more: hours, rates, budgets, fees, percentages, costs
	| 'signedNumber' // decimal that may be negative: line-item quantity and unit price (credit and discount lines)
	| 'positiveNumber' // decimal above zero: payment amounts
	| 'integer'
	| 'boolean'
	| 'date' // YYYY-MM-DD
	| 'dateTime' // ISO 8601
	| 'time' // "8:00am" or "14:30"
	| 'id' // positive integer that names another record
	| 'ids' // array of ids
	| 'strings' // array of strings
	| 'options'
	| 'multiOptions'
	| 'object' // one nested object, see `fields`
	| 'objects'; // array of nested objects, see `fields`

export interface BodyFieldSpec {
	name: string;
	type: BodyFieldType;
	/** Harvest refuses the request without it. */
	required?: boolean;
	/** Allowed values for `options` / `multiOptions`. */
	values?: readonly string[];
	/** Members of an `object` / `objects` field. */
	fields?: readonly BodyFieldSpec[];
}

export const BILL_BY = ['none', 'People', 'Project', 'Tasks'] as const;
export const BUDGET_BY = ['none', 'person', 'project', 'project_cost', 'task', 'task_fees'] as const;
export const PAYMENT_TERMS = ['custom', 'net 15', 'net 30', 'net 45', 'net 60', 'upon receipt'] as const;
export const PAYMENT_OPTIONS = ['ach', 'credit_card', 'paypal'] as const;
export const ACCESS_ROLES = [
	'administrator',
	'billable_rates_manager',
	'client_and_task_manager',
	'estimates_manager',
	'managed_projects_invoice_drafter',
	'managed_projects_invoice_manager',
	'manager',
	'member',
	'project_creator',
	'time_and_expenses_manager',
] as const;
export const INVOICE_EVENT_TYPES = ['close', 'draft', 're-open', 'send'] as const;
export const ESTIMATE_EVENT_TYPES = ['accept', 'decline', 're-open', 'send'] as const;
export const TIME_SUMMARY_TYPES = ['detailed', 'people', 'project', 'task'] as const;
export const EXPENSE_SUMMARY_TYPES = ['category', 'detailed', 'people', 'project'] as const;

const f = (name: string, type: BodyFieldType, extra: Partial<BodyFieldSpec> = {}): BodyFieldSpec => ({
	name,
	type,
	...extra,
});
const req = (name: string, type: BodyFieldType, extra: Partial<BodyFieldSpec> = {}) =>
	f(name, type, { ...extra, required: true });

/** The same field list with nothing required: Harvest's PATCH bodies. */
function optional(fields: readonly BodyFieldSpec[], drop: readonly string[] = []): BodyFieldSpec[] {
	return fields
		.filter((x) => !drop.includes(x.name))
		.map((x) => {
			const copy = { ...x };
			delete copy.required;
			return copy;
		});
}

const CLIENT = [req('name', 'string'), f('is_active', 'boolean'), f('address', 'text'), f('currency', 'string')];
const CONTACT = [
	req('client_id', 'id'),
	f('title', 'string'),
	req('first_name', 'string'),
	f('last_name', 'string'),
	f('email', 'email'),
	f('phone_office', 'string'),
	f('phone_mobile', 'string'),
	f('fax', 'string'),
];
const EXTERNAL_REFERENCE = f('external_reference', 'object', {
	fields: [f('id', 'string'), f('group_id', 'string'), f('account_id', 'string'), f('permalink', 'string')],
});
const TIME_ENTRY = [
	f('user_id', 'id'),
	req('project_id', 'id'),
	req('task_id', 'id'),
	req('spent_date', 'date'),
	f('started_time', 'time'),
	f('ended_time', 'time'),
	f('hours', 'number'),
	f('notes', 'text'),
	EXTERNAL_REFERENCE,
];
const PROJECT = [
	req('client_id', 'id'),
	req('name', 'string'),
	f('code', 'string'),
	f('is_active', 'boolean'),
	req('is_billable', 'boolean'),
	f('is_fixed_fee', 'boolean'),
	req('bill_by', 'options', { values: BILL_BY }),
	f('hourly_rate', 'number'),
	req('budget_by', 'options', { values: BUDGET_BY }),
	f('budget_is_monthly', 'boolean'),
	f('budget', 'number'),
	f('cost_budget', 'number'),
	f('cost_budget_include_expenses', 'boolean'),
	f('notify_when_over_budget', 'boolean'),
	f('over_budget_notification_percentage', 'number'),
	f('show_budget_to_all', 'boolean'),
	f('fee', 'number'),
	f('notes', 'text'),
	f('starts_on', 'date'),
	f('ends_on', 'date'),
];
const TASK = [
	req('name', 'string'),
	f('billable_by_default', 'boolean'),
	f('default_hourly_rate', 'number'),
	f('is_default', 'boolean'),
	f('is_active', 'boolean'),
];
const USER = [
	req('first_name', 'string'),
	req('last_name', 'string'),
	req('email', 'email'),
	f('timezone', 'string'),
	f('has_access_to_all_future_projects', 'boolean'),
	f('is_contractor', 'boolean'),
	f('is_active', 'boolean'),
	f('weekly_capacity', 'integer'),
	f('default_hourly_rate', 'number'),
	f('cost_rate', 'number'),
	f('roles', 'strings'),
	f('access_roles', 'multiOptions', { values: ACCESS_ROLES }),
];
const LINE_ITEM = [
	f('id', 'id'),
	f('project_id', 'id'),
	f('kind', 'string'),
	f('description', 'text'),
	f('quantity', 'signedNumber'),
	f('unit_price', 'signedNumber'),
	f('taxed', 'boolean'),
	f('taxed2', 'boolean'),
	f('_destroy', 'boolean'),
];
/** What invoices and estimates share: the client, the document's number and heading, taxes and discount (percentages). */
const DOCUMENT = [
	req('client_id', 'id'),
	f('number', 'string'),
	f('purchase_order', 'string'),
	f('tax', 'number'),
	f('tax2', 'number'),
	f('discount', 'number'),
	f('subject', 'string'),
	f('notes', 'text'),
	f('currency', 'string'),
	f('issue_date', 'date'),
];
const INVOICE = [
	...DOCUMENT,
	f('retainer_id', 'id'),
	f('estimate_id', 'id'),
	f('due_date', 'date'),
	f('payment_term', 'options', { values: PAYMENT_TERMS }),
	f('payment_options', 'multiOptions', { values: PAYMENT_OPTIONS }),
	f('line_items', 'objects', { fields: LINE_ITEM }),
];
const LINE_ITEMS_IMPORT = f('line_items_import', 'object', {
	fields: [
		req('project_ids', 'ids'),
		f('time', 'object', {
			fields: [req('summary_type', 'options', { values: TIME_SUMMARY_TYPES }), f('from', 'date'), f('to', 'date')],
		}),
		f('expenses', 'object', {
			fields: [
				req('summary_type', 'options', { values: EXPENSE_SUMMARY_TYPES }),
				f('from', 'date'),
				f('to', 'date'),
				f('attach_receipt', 'boolean'),
			],
		}),
	],
});
const ESTIMATE = [...DOCUMENT, f('line_items', 'objects', { fields: optional(LINE_ITEM, ['project_id']) })];
const RECIPIENTS = f('recipients', 'objects', { fields: [f('name', 'string'), req('email', 'email')] });
const EXPENSE = [
	f('user_id', 'id'),
	req('project_id', 'id'),
	req('expense_category_id', 'id'),
	req('spent_date', 'date'),
	f('units', 'integer'),
	f('total_cost', 'number'),
	f('notes', 'text'),
	f('billable', 'boolean'),
	// A file, sent as multipart/form-data; JSON bodies cannot carry it.
	f('receipt', 'string'),
];
const EXPENSE_CATEGORY = [
	req('name', 'string'),
	f('unit_name', 'string'),
	f('unit_price', 'number'),
	f('is_active', 'boolean'),
];
const ASSIGNMENT_RATES = [f('is_active', 'boolean'), f('hourly_rate', 'number'), f('budget', 'number')];
const RATE = [req('amount', 'number'), f('start_date', 'date')];
const NAME_ONLY = [req('name', 'string')];
const ROLE = [req('name', 'string'), f('user_ids', 'ids')];

/**
 * Documented request-body fields of every endpoint that takes a body (facts from Harvest's API reference).
 * `required` marks fields Harvest refuses the request without; everything else is optional.
 */
export const BODIES: Partial<Record<EndpointKey, readonly BodyFieldSpec[]>> = {
	'POST /clients': CLIENT,
	'PATCH /clients/{clientId}': optional(CLIENT),
	'POST /contacts': CONTACT,
	'PATCH /contacts/{contactId}': optional(CONTACT),
	'PATCH /company': [f('wants_timestamp_timers', 'boolean'), f('weekly_capacity', 'integer')],
	'POST /invoices': [...INVOICE.filter((x) => x.name !== 'line_items'), f('line_items', 'objects', {
		fields: optional(LINE_ITEM, ['id', '_destroy']),
	}), LINE_ITEMS_IMPORT],
	'PATCH /invoices/{invoiceId}': optional(INVOICE),
	'POST /invoices/{invoiceId}/messages': [
		f('event_type', 'options', { values: INVOICE_EVENT_TYPES }),
		RECIPIENTS,
		f('subject', 'string'),
		f('body', 'text'),
		f('include_link_to_client_invoice', 'boolean'),
		f('attach_pdf', 'boolean'),
		f('send_me_a_copy', 'boolean'),
		f('thank_you', 'boolean'),
	],
	'POST /invoices/{invoiceId}/payments': [
		req('amount', 'positiveNumber'),
		f('paid_at', 'dateTime'),
		f('paid_date', 'date'),
		f('notes', 'text'),
		f('send_thank_you', 'boolean'),
	],
	'POST /invoice_item_categories': NAME_ONLY,
	'PATCH /invoice_item_categories/{invoiceItemCategoryId}': optional(NAME_ONLY),
	'POST /estimates': [...ESTIMATE.filter((x) => x.name !== 'line_items'), f('line_items', 'objects', {
		fields: optional(LINE_ITEM, ['id', 'project_id', '_destroy']),
	})],
	'PATCH /estimates/{estimateId}': optional(ESTIMATE),
	'POST /estimates/{estimateId}/messages': [
		f('event_type', 'options', { values: ESTIMATE_EVENT_TYPES }),
		{ ...RECIPIENTS, required: true },
		f('subject', 'string'),
		f('body', 'text'),
		f('send_me_a_copy', 'boolean'),
	],
	'POST /estimate_item_categories': NAME_ONLY,
	'PATCH /estimate_item_categories/{estimateItemCategoryId}': optional(NAME_ONLY),
	'POST /expenses': EXPENSE,
	'PATCH /expenses/{expenseId}': [...optional(EXPENSE, ['user_id']), f('delete_receipt', 'boolean')],
	'POST /expense_categories': EXPENSE_CATEGORY,
	'PATCH /expense_categories/{expenseCategoryId}': optional(EXPENSE_CATEGORY),
	'POST /tasks': TASK,
	'PATCH /tasks/{taskId}': optional(TASK),
	'POST /time_entries': TIME_ENTRY,
	'PATCH /time_entries/{timeEntryId}': optional(TIME_ENTRY, ['user_id']),
	'POST /projects': PROJECT,
	'PATCH /projects/{projectId}': optional(PROJECT),
	'POST /projects/{projectId}/user_assignments': [
		req('user_id', 'id'),
		f('is_active', 'boolean'),
		f('is_project_manager', 'boolean'),
		f('use_default_rates', 'boolean'),
		f('hourly_rate', 'number'),
		f('budget', 'number'),
	],
	'PATCH /projects/{projectId}/user_assignments/{userAssignmentId}': [
		f('is_active', 'boolean'),
		f('is_project_manager', 'boolean'),
		f('use_default_rates', 'boolean'),
		f('hourly_rate', 'number'),
		f('budget', 'number'),
	],
	'POST /projects/{projectId}/task_assignments': [req('task_id', 'id'), f('billable', 'boolean'), ...ASSIGNMENT_RATES],
	'PATCH /projects/{projectId}/task_assignments/{taskAssignmentId}': [f('billable', 'boolean'), ...ASSIGNMENT_RATES],
	'POST /roles': ROLE,
	'PATCH /roles/{roleId}': optional(ROLE),
	'POST /users': USER,
	'PATCH /users/{userId}': optional(USER, ['default_hourly_rate', 'cost_rate']),
	'POST /users/{userId}/billable_rates': RATE,
	'POST /users/{userId}/cost_rates': RATE,
	'PATCH /users/{userId}/teammates': [req('teammate_ids', 'ids')],
};

/** The body fields of an endpoint; an endpoint without a body has none. */
export function bodyFields(key: EndpointKey): readonly BodyFieldSpec[] {
	return BODIES[key] ?? [];
}
