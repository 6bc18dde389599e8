/**
 * Stored shapes. Rows keep foreign keys and raw values; the API shapes (embedded stubs,
 * computed amounts, running-timer hours…) are produced by the presenters at response time.
 * Times are epoch seconds, dates `YYYY-MM-DD` strings.
 */
export interface Row {
	id: number;
	created_at: number;
	updated_at: number;
}

export interface CompanyRow {
	base_uri: string;
	full_domain: string;
	name: string;
	is_active: boolean;
	week_start_day: string;
	wants_timestamp_timers: boolean;
	time_format: string;
	date_format: string;
	plan_type: string;
	clock: string;
	currency: string;
	currency_code_display: string;
	currency_symbol_display: string;
	decimal_symbol: string;
	thousands_separator: string;
	color_scheme: string;
	weekly_capacity: number;
	expense_feature: boolean;
	invoice_feature: boolean;
	estimate_feature: boolean;
	approval_feature: boolean;
	team_feature: boolean;
}

export interface ClientRow extends Row {
	name: string;
	is_active: boolean;
	address: string | null;
	statement_key: string;
	currency: string;
}

export interface ContactRow extends Row {
	client_id: number;
	title: string | null;
	first_name: string;
	last_name: string | null;
	email: string | null;
	phone_office: string | null;
	phone_mobile: string | null;
	fax: string | null;
}

export const BILL_BY = ['Project', 'Tasks', 'People', 'none'] as const;
export const BUDGET_BY = ['project', 'project_cost', 'task', 'task_fees', 'person', 'none'] as const;

export interface ProjectRow extends Row {
	client_id: number;
	name: string;
	code: string | null;
	is_active: boolean;
	is_billable: boolean;
	is_fixed_fee: boolean;
	bill_by: string;
	hourly_rate: number | null;
	budget_by: string;
	budget_is_monthly: boolean;
	budget: number | null;
	cost_budget: number | null;
	cost_budget_include_expenses: boolean;
	notify_when_over_budget: boolean;
	over_budget_notification_percentage: number;
	over_budget_notification_date: string | null;
	show_budget_to_all: boolean;
	fee: number | null;
	notes: string | null;
	starts_on: string | null;
	ends_on: string | null;
}

export interface TaskRow extends Row {
	name: string;
	billable_by_default: boolean;
	default_hourly_rate: number | null;
	is_default: boolean;
	is_active: boolean;
}

export interface UserRow extends Row {
	first_name: string;
	last_name: string;
	email: string;
	telephone: string;
	timezone: string;
	has_access_to_all_future_projects: boolean;
	is_contractor: boolean;
	is_active: boolean;
	weekly_capacity: number;
	default_hourly_rate: number | null;
	cost_rate: number | null;
	access_roles: string[];
	avatar_url: string;
	/** Users this manager is assigned as teammates (Harvest "people manager"). */
	teammate_ids: number[];
}

export interface UserAssignmentRow extends Row {
	project_id: number;
	user_id: number;
	is_active: boolean;
	is_project_manager: boolean;
	use_default_rates: boolean;
	hourly_rate: number | null;
	budget: number | null;
}

export interface TaskAssignmentRow extends Row {
	project_id: number;
	task_id: number;
	is_active: boolean;
	billable: boolean;
	hourly_rate: number | null;
	budget: number | null;
}

export interface ExternalReference {
	id: string;
	group_id: string | null;
	account_id: string | null;
	permalink: string | null;
	service: string | null;
	service_icon_url: string | null;
}

export const APPROVAL_STATUSES = ['unsubmitted', 'submitted', 'approved'] as const;

export interface TimeEntryRow extends Row {
	spent_date: string;
	user_id: number;
	project_id: number;
	task_id: number;
	/** Hours tracked before the current timer run (the whole duration when stopped). */
	hours_without_timer: number;
	/** Epoch seconds when the running timer started; null when stopped. */
	timer_started_at: number | null;
	notes: string | null;
	approval_status: string;
	invoice_id: number | null;
	started_time: string | null;
	ended_time: string | null;
	external_reference: ExternalReference | null;
	billable: boolean;
	billable_rate: number | null;
	cost_rate: number | null;
}

export interface Receipt {
	file_name: string;
	file_size: number;
	content_type: string;
	data: Buffer;
}

export interface ExpenseRow extends Row {
	project_id: number;
	user_id: number;
	expense_category_id: number;
	spent_date: string;
	units: number | null;
	total_cost: number;
	notes: string | null;
	billable: boolean;
	receipt: Receipt | null;
	invoice_id: number | null;
	approval_status: string;
}

export interface ExpenseCategoryRow extends Row {
	name: string;
	unit_name: string | null;
	unit_price: number | null;
	is_active: boolean;
}

export interface InvoiceItemCategoryRow extends Row {
	name: string;
	use_as_service: boolean;
	use_as_expense: boolean;
}

export interface EstimateItemCategoryRow extends Row {
	name: string;
}

export interface LineItemRow {
	id: number;
	kind: string;
	description: string | null;
	quantity: number;
	unit_price: number;
	taxed: boolean;
	taxed2: boolean;
}

export interface InvoiceLineItemRow extends LineItemRow {
	project_id: number | null;
	/** Tracked time and expenses billed through this line (released when it goes). */
	time_entry_ids: number[];
	expense_ids: number[];
}

export const INVOICE_STATES = ['draft', 'open', 'paid', 'closed'] as const;
export const PAYMENT_TERMS = ['upon receipt', 'net 15', 'net 30', 'net 45', 'net 60', 'custom'] as const;
export const PAYMENT_OPTIONS = ['ach', 'credit_card', 'paypal'] as const;

/** What invoices and estimates have in common: client, number, texts, tax and discount, state, issue date. */
export interface DocumentRow extends Row {
	client_id: number;
	creator_id: number;
	client_key: string;
	number: string;
	purchase_order: string | null;
	tax: number | null;
	tax2: number | null;
	discount: number | null;
	subject: string | null;
	notes: string | null;
	currency: string;
	state: string;
	issue_date: string;
}

export interface InvoiceRow extends DocumentRow {
	estimate_id: number | null;
	retainer_id: number | null;
	period_start: string | null;
	period_end: string | null;
	due_date: string;
	payment_term: string;
	payment_options: string[];
	sent_at: number | null;
	paid_at: number | null;
	paid_date: string | null;
	closed_at: number | null;
	recurring_invoice_id: number | null;
	line_items: InvoiceLineItemRow[];
	/** Sum of recorded payments. */
	paid_amount: number;
}

export interface Recipient {
	name: string | null;
	email: string;
}

export interface InvoiceMessageRow extends Row {
	invoice_id: number;
	sent_by: string;
	sent_by_email: string;
	sent_from: string;
	sent_from_email: string;
	recipients: Recipient[];
	subject: string | null;
	body: string | null;
	include_link_to_client_invoice: boolean;
	attach_pdf: boolean;
	send_me_a_copy: boolean;
	thank_you: boolean;
	event_type: string | null;
	reminder: boolean;
	send_reminder_on: string | null;
}

export interface InvoicePaymentRow extends Row {
	invoice_id: number;
	amount: number;
	paid_at: number;
	paid_date: string;
	recorded_by: string;
	recorded_by_email: string;
	notes: string | null;
	transaction_id: string | null;
}

export const ESTIMATE_STATES = ['draft', 'sent', 'accepted', 'declined'] as const;

export interface EstimateRow extends DocumentRow {
	sent_at: number | null;
	accepted_at: number | null;
	declined_at: number | null;
	line_items: LineItemRow[];
}

export interface EstimateMessageRow extends Row {
	estimate_id: number;
	sent_by: string;
	sent_by_email: string;
	sent_from: string;
	sent_from_email: string;
	recipients: Recipient[];
	subject: string | null;
	body: string | null;
	send_me_a_copy: boolean;
	event_type: string | null;
}

export interface RoleRow extends Row {
	name: string;
	user_ids: number[];
}

export interface RateRow extends Row {
	user_id: number;
	amount: number;
	start_date: string | null;
	end_date: string | null;
}
