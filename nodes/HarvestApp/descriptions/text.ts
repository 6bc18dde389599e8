/**
 * Editor wording for Harvest's body and filter fields, keyed by Harvest's field name. Field types and
 * requiredness come from the catalogue; only the words a person reads live here. Booleans start with
 * "Whether" (n8n convention); option labels default to the value in Title Case.
 */
export interface FieldText {
	displayName: string;
	description?: string;
	placeholder?: string;
	hint?: string;
	/** Labels for option values that read badly as-is. */
	optionNames?: Record<string, string>;
	/** Editor default where the type's own (false, 0, first option) would mislead. */
	default?: boolean | number | string;
}

export const FIELD_TEXT: Record<string, FieldText> = {
	_destroy: { displayName: 'Remove', description: 'Whether to delete this line item (needs its ID)' },
	access_roles: {
		displayName: 'Access Roles',
		description: 'Permissions: one of Administrator, Manager or Member, plus manager add-ons',
	},
	account_id: { displayName: 'Account ID', description: 'ID of the account in the other service' },
	address: { displayName: 'Address', description: 'Postal address, several lines allowed' },
	amount: { displayName: 'Amount', description: 'Amount of money', placeholder: 'e.g. 150.00' },
	approval_status: { displayName: 'Approval Status', description: 'Only records with this approval status' },
	attach_pdf: { displayName: 'Attach PDF', description: 'Whether to attach the invoice as a PDF' },
	attach_receipt: { displayName: 'Attach Receipts', description: 'Whether to attach expense receipts to the invoice' },
	billable: { displayName: 'Billable', description: 'Whether it is billable' },
	billable_by_default: {
		displayName: 'Billable by Default',
		description: 'Whether the task is billable when added to new projects',
	},
	bill_by: {
		displayName: 'Bill By',
		description: 'How the project is invoiced',
		default: 'Project',
		optionNames: { none: 'No Billing', People: 'Person Hourly Rate', Project: 'Project Hourly Rate', Tasks: 'Task Hourly Rate' },
	},
	body: { displayName: 'Body', description: 'Text of the message' },
	budget: { displayName: 'Budget', description: 'Budget in hours, or in money for fee budgets' },
	budget_by: {
		displayName: 'Budget By',
		description: 'How the project is budgeted',
		default: 'none',
		optionNames: {
			none: 'No Budget',
			person: 'Hours per Person',
			project: 'Hours per Project',
			project_cost: 'Total Project Fees',
			task: 'Hours per Task',
			task_fees: 'Fees per Task',
		},
	},
	budget_is_monthly: { displayName: 'Monthly Budget', description: 'Whether the budget resets every month' },
	client_id: { displayName: 'Client' },
	code: { displayName: 'Code', description: 'Short code of the project', placeholder: 'e.g. OS1' },
	cost_budget: { displayName: 'Cost Budget', description: 'Budget in money for total-project-fees budgets' },
	cost_budget_include_expenses: {
		displayName: 'Cost Budget Includes Expenses',
		description: 'Whether expenses count against the cost budget',
	},
	cost_rate: { displayName: 'Cost Rate', description: 'Cost of an hour of this person’s time' },
	currency: { displayName: 'Currency', description: 'ISO 4217 currency code', placeholder: 'e.g. EUR' },
	default_hourly_rate: { displayName: 'Default Hourly Rate', description: 'Hourly rate used unless a project overrides it' },
	delete_receipt: { displayName: 'Delete Receipt', description: 'Whether to remove the attached receipt' },
	description: { displayName: 'Description', description: 'Text of the line item' },
	discount: { displayName: 'Discount (%)', description: 'Discount as a percentage, e.g. 10 for 10%' },
	due_date: { displayName: 'Due Date', description: 'Set it only with Payment Term "Custom"' },
	email: { displayName: 'Email', placeholder: 'e.g. nathan@example.com' },
	ended_time: { displayName: 'Ended Time', description: 'When the work ended', placeholder: 'e.g. 5:30pm' },
	ends_on: { displayName: 'Ends On', description: 'Last day of the project' },
	estimate_id: { displayName: 'Estimate', description: 'Estimate the invoice is based on' },
	event_type: { displayName: 'Event Type' },
	expense_category_id: { displayName: 'Expense Category' },
	external_reference: {
		displayName: 'External Reference',
		description: 'Link to a record in another service, e.g. a Bitrix24 or Jira task',
	},
	external_reference_id: { displayName: 'External Reference ID', description: 'Only entries linked to this external ID' },
	fax: { displayName: 'Fax' },
	fee: { displayName: 'Fee', description: 'Fixed fee of the project' },
	first_name: { displayName: 'First Name' },
	from: { displayName: 'From', description: 'Only records on or after this date' },
	group_id: { displayName: 'Group ID', description: 'ID of the group (e.g. project) in the other service' },
	has_access_to_all_future_projects: {
		displayName: 'Access to All Future Projects',
		description: 'Whether the user is added to every new project automatically',
	},
	hourly_rate: { displayName: 'Hourly Rate', description: 'Rate per hour' },
	hours: { displayName: 'Hours', description: 'Duration in decimal hours, e.g. 1.5', placeholder: 'e.g. 1.5' },
	id: { displayName: 'ID', description: 'ID in the other service' },
	include_fixed_fee: { displayName: 'Include Fixed Fee', description: 'Whether to include fixed-fee projects' },
	include_link_to_client_invoice: {
		displayName: 'Include Link to Invoice',
		description: 'Whether to add a link to the online invoice (deprecated by Harvest)',
		hint: 'Harvest ignores "on", and "off" removes the invoice’s online payment options',
	},
	is_active: { displayName: 'Active', description: 'Whether it is active (false means archived)', default: true },
	is_billable: { displayName: 'Billable', description: 'Whether the project is billable', default: true },
	is_billed: { displayName: 'Billed', description: 'Whether to return only billed (true) or only unbilled (false) records' },
	is_contractor: { displayName: 'Contractor', description: 'Whether the user is a contractor' },
	is_default: { displayName: 'Default Task', description: 'Whether the task is added to new projects automatically' },
	is_fixed_fee: { displayName: 'Fixed Fee', description: 'Whether the project is billed a fixed fee' },
	is_project_manager: { displayName: 'Project Manager', description: 'Whether the user manages the project' },
	is_running: { displayName: 'Running', description: 'Whether to return only running (true) or only stopped (false) timers' },
	issue_date: { displayName: 'Issue Date' },
	kind: { displayName: 'Kind', description: 'Name of an item category, e.g. Service or Product' },
	last_name: { displayName: 'Last Name' },
	line_items: { displayName: 'Line Items' },
	line_items_import: { displayName: 'Import Tracked Time and Expenses' },
	name: { displayName: 'Name' },
	notes: { displayName: 'Notes' },
	notify_when_over_budget: {
		displayName: 'Notify When Over Budget',
		description: 'Whether project managers get an email when the budget is nearly spent',
	},
	number: { displayName: 'Number', description: 'Document number; Harvest numbers it when empty' },
	over_budget_notification_percentage: {
		displayName: 'Over Budget Notification (%)',
		description: 'Percentage of the budget at which to notify',
	},
	paid_at: { displayName: 'Paid At', description: 'When the payment was made' },
	paid_date: { displayName: 'Paid Date', description: 'Day the payment was made' },
	payment_options: { displayName: 'Payment Options', optionNames: { ach: 'ACH', credit_card: 'Credit Card', paypal: 'PayPal' } },
	payment_term: { displayName: 'Payment Term', description: 'When payment is due; choose Custom to set the Due Date yourself' },
	permalink: { displayName: 'Permalink', description: 'URL of the record in the other service' },
	phone_mobile: { displayName: 'Mobile Phone' },
	phone_office: { displayName: 'Office Phone' },
	project_id: { displayName: 'Project' },
	project_ids: { displayName: 'Project IDs', description: 'Comma-separated project IDs', placeholder: 'e.g. 123, 456' },
	purchase_order: { displayName: 'Purchase Order' },
	quantity: { displayName: 'Quantity', description: 'Number of units, e.g. hours; decimals allowed', default: 1 },
	receipt: { displayName: 'Receipt' },
	recipients: { displayName: 'Recipients' },
	reminder: { displayName: 'Reminder', description: 'Whether to use the reminder template' },
	retainer_id: { displayName: 'Retainer ID', description: 'Retainer the invoice adds funds to' },
	roles: { displayName: 'Roles', description: 'Comma-separated role names', placeholder: 'e.g. Designer, Developer' },
	send_me_a_copy: { displayName: 'Send Me a Copy', description: 'Whether to email a copy to the sender' },
	send_thank_you: { displayName: 'Send Thank-You', description: 'Whether to email a thank-you note to the client' },
	show_budget_to_all: { displayName: 'Show Budget to All', description: 'Whether everyone on the project sees the budget' },
	spent_date: { displayName: 'Date', description: 'Day the time or money was spent' },
	started_time: { displayName: 'Started Time', description: 'When the work started', placeholder: 'e.g. 8:00am' },
	start_date: { displayName: 'Start Date', description: 'Day the rate starts; empty replaces all existing rates' },
	starts_on: { displayName: 'Starts On', description: 'First day of the project' },
	state: { displayName: 'State' },
	subject: { displayName: 'Subject' },
	summary_type: { displayName: 'Summary Type', description: 'How to group the imported records into line items' },
	task_id: { displayName: 'Task' },
	tax: { displayName: 'Tax (%)', description: 'First tax as a percentage, e.g. 8.5' },
	tax2: { displayName: 'Second Tax (%)', description: 'Second tax as a percentage' },
	taxed: { displayName: 'Taxed', description: 'Whether the first tax applies' },
	taxed2: { displayName: 'Taxed (Second Tax)', description: 'Whether the second tax applies' },
	teammate_ids: { displayName: 'Teammate Names or IDs', description: 'People the manager manages' },
	thank_you: { displayName: 'Thank-You', description: 'Whether it is a thank-you message for a paid invoice' },
	time: { displayName: 'Time' },
	timezone: { displayName: 'Time Zone', placeholder: 'e.g. Eastern Time (US & Canada)' },
	title: { displayName: 'Title', description: 'Job title' },
	to: { displayName: 'To', description: 'Only records on or before this date' },
	total_cost: { displayName: 'Total Cost' },
	unit_name: { displayName: 'Unit Name', placeholder: 'e.g. Kilometer' },
	unit_price: { displayName: 'Unit Price' },
	units: { displayName: 'Units', description: 'Number of units, for unit-priced categories' },
	updated_since: { displayName: 'Updated Since', description: 'Only records changed at or after this moment' },
	use_default_rates: { displayName: 'Use Default Rates', description: 'Whether the user’s default rates apply' },
	user_id: { displayName: 'User' },
	user_ids: { displayName: 'User Names or IDs', description: 'People who have this role' },
	wants_timestamp_timers: {
		displayName: 'Timestamp Timers',
		description: 'Whether time is tracked with start and end times instead of durations',
	},
	weekly_capacity: { displayName: 'Weekly Capacity (Seconds)', description: 'Hours per week in seconds, e.g. 126000 for 35 hours' },
};

const SMALL_WORDS = new Set(['a', 'an', 'and', 'by', 'for', 'of', 'on', 'or', 'per', 'the', 'to']);

/** "net 15" → "Net 15", "re-open" → "Re-Open": the fallback label for option values. */
export function titleCase(text: string): string {
	return text
		.replace(/_/g, ' ')
		.split(' ')
		.map((word, i) =>
			i > 0 && SMALL_WORDS.has(word) ? word : word.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase()),
		)
		.join(' ');
}

export function fieldText(name: string): FieldText {
	return FIELD_TEXT[name] ?? { displayName: titleCase(name).replace(/\bId\b/g, 'ID') };
}
