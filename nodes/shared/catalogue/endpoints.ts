import type { EndpointKey, EndpointSpec, ListSpec, ReportRows } from './types';

const NEWEST_FIRST = 'created_at, newest first';

/** How a collection's records are named in summaries: "an invoice" / "invoices". */
interface Noun {
	one: string;
	many: string;
}

function noun(singular: string, plural = `${singular}s`): Noun {
	// 'a user', 'an invoice': none of Harvest's nouns starts with a vowel sound spelled u.
	const article = /^[aeio]/i.test(singular) ? 'an' : 'a';
	return { one: `${article} ${singular}`, many: plural };
}

/** The five endpoints of a plain collection: list, create, retrieve, update, delete. */
function collection(group: string, base: string, idName: string, name: Noun, list: ListSpec): EndpointSpec[] {
	const item = `${base}/{${idName}}`;
	return [
		{ method: 'GET', path: base, group, summary: `List ${name.many}`, list },
		{ method: 'POST', path: base, group, summary: `Create ${name.one}` },
		{ method: 'GET', path: item, group, summary: `Retrieve ${name.one}` },
		{ method: 'PATCH', path: item, group, summary: `Update ${name.one}` },
		{ method: 'DELETE', path: item, group, summary: `Delete ${name.one}` },
	];
}

function cursorList(key: string, filters: string[], order = NEWEST_FIRST): ListSpec {
	return { key, pagination: 'cursor', filters, order };
}

function pageList(key: string, filters: string[], order = NEWEST_FIRST): ListSpec {
	return { key, pagination: 'page', filters, order };
}

/** Figures of time and expense reports: totals over the period, so two periods' figures add up. */
const TIME_SUMS = ['total_hours', 'billable_hours', 'billable_amount'];
const EXPENSE_SUMS = ['total_amount', 'billable_amount'];
const UNINVOICED_SUMS = ['total_hours', 'uninvoiced_hours', 'uninvoiced_expenses', 'uninvoiced_amount'];

function report(path: string, summary: string, withFixedFee: boolean, rows: ReportRows): EndpointSpec {
	const filters = withFixedFee ? ['from', 'to', 'include_fixed_fee'] : ['from', 'to'];
	return {
		method: 'GET',
		path,
		group: 'Reports',
		summary,
		reports: true,
		list: { key: 'results', pagination: 'page', filters, requiredFilters: ['from', 'to'], order: 'unspecified' },
		reportRows: rows,
	};
}

/**
 * Every Harvest API v2 endpoint (113 method + path pairs), the single source of endpoint facts for the
 * action node, the trigger, list searches and the README's operations table.
 */
export const ENDPOINTS: readonly EndpointSpec[] = [
	...collection('Clients', '/clients', 'clientId', noun('client'), cursorList('clients', ['is_active', 'updated_since'])),
	...collection('Contacts', '/contacts', 'contactId', noun('contact'), cursorList('contacts', ['client_id', 'updated_since'])),
	{ method: 'GET', path: '/company', group: 'Company', summary: 'Retrieve the company' },
	{ method: 'PATCH', path: '/company', group: 'Company', summary: 'Update the company' },

	...collection(
		'Invoices',
		'/invoices',
		'invoiceId',
		noun('invoice'),
		pageList('invoices', ['client_id', 'project_id', 'updated_since', 'from', 'to', 'state'], 'issue_date, newest first'),
	),
	{
		method: 'GET',
		path: '/invoices/{invoiceId}/messages',
		group: 'Invoice Messages',
		summary: 'List messages of an invoice',
		list: cursorList('invoice_messages', ['updated_since']),
	},
	{
		method: 'POST',
		path: '/invoices/{invoiceId}/messages',
		group: 'Invoice Messages',
		summary: 'Send an invoice message or change the invoice state',
	},
	{
		method: 'GET',
		path: '/invoices/{invoiceId}/messages/new',
		group: 'Invoice Messages',
		summary: 'Retrieve the subject and body template for an invoice message',
	},
	{
		method: 'DELETE',
		path: '/invoices/{invoiceId}/messages/{messageId}',
		group: 'Invoice Messages',
		summary: 'Delete an invoice message',
	},
	{
		method: 'GET',
		path: '/invoices/{invoiceId}/payments',
		group: 'Invoice Payments',
		summary: 'List payments of an invoice',
		list: cursorList('invoice_payments', ['updated_since']),
	},
	{ method: 'POST', path: '/invoices/{invoiceId}/payments', group: 'Invoice Payments', summary: 'Record an invoice payment' },
	{
		method: 'DELETE',
		path: '/invoices/{invoiceId}/payments/{paymentId}',
		group: 'Invoice Payments',
		summary: 'Delete an invoice payment',
	},
	...collection(
		'Invoice Item Categories',
		'/invoice_item_categories',
		'invoiceItemCategoryId',
		noun('invoice item category', 'invoice item categories'),
		cursorList('invoice_item_categories', ['updated_since']),
	),

	...collection(
		'Estimates',
		'/estimates',
		'estimateId',
		noun('estimate'),
		pageList('estimates', ['client_id', 'updated_since', 'from', 'to', 'state'], 'issue_date, newest first'),
	),
	{
		method: 'GET',
		path: '/estimates/{estimateId}/messages',
		group: 'Estimate Messages',
		summary: 'List messages of an estimate',
		list: cursorList('estimate_messages', ['updated_since']),
	},
	{
		method: 'POST',
		path: '/estimates/{estimateId}/messages',
		group: 'Estimate Messages',
		summary: 'Send an estimate message or change the estimate state',
	},
	{
		method: 'DELETE',
		path: '/estimates/{estimateId}/messages/{messageId}',
		group: 'Estimate Messages',
		summary: 'Delete an estimate message',
	},
	...collection(
		'Estimate Item Categories',
		'/estimate_item_categories',
		'estimateItemCategoryId',
		noun('estimate item category', 'estimate item categories'),
		cursorList('estimate_item_categories', ['updated_since']),
	),

	...collection(
		'Expenses',
		'/expenses',
		'expenseId',
		noun('expense'),
		pageList(
			'expenses',
			['user_id', 'client_id', 'project_id', 'is_billed', 'approval_status', 'updated_since', 'from', 'to'],
			'spent_date, newest first',
		),
	),
	...collection(
		'Expense Categories',
		'/expense_categories',
		'expenseCategoryId',
		noun('expense category', 'expense categories'),
		cursorList('expense_categories', ['is_active', 'updated_since']),
	),

	...collection('Tasks', '/tasks', 'taskId', noun('task'), cursorList('tasks', ['is_active', 'updated_since'])),

	...collection(
		'Time Entries',
		'/time_entries',
		'timeEntryId',
		noun('time entry', 'time entries'),
		pageList(
			'time_entries',
			[
				'user_id',
				'client_id',
				'project_id',
				'task_id',
				'external_reference_id',
				'is_billed',
				'is_running',
				'approval_status',
				'updated_since',
				'from',
				'to',
			],
			'spent_date, newest first',
		),
	),
	{
		method: 'DELETE',
		path: '/time_entries/{timeEntryId}/external_reference',
		group: 'Time Entries',
		summary: "Delete a time entry's external reference",
	},
	{ method: 'PATCH', path: '/time_entries/{timeEntryId}/restart', group: 'Time Entries', summary: 'Restart a stopped timer' },
	{ method: 'PATCH', path: '/time_entries/{timeEntryId}/stop', group: 'Time Entries', summary: 'Stop a running timer' },

	...collection(
		'Projects',
		'/projects',
		'projectId',
		noun('project'),
		cursorList('projects', ['is_active', 'client_id', 'updated_since']),
	),

	{
		method: 'GET',
		path: '/user_assignments',
		group: 'User Assignments',
		summary: 'List user assignments of all projects',
		list: cursorList('user_assignments', ['user_id', 'is_active', 'updated_since']),
	},
	...collection(
		'User Assignments',
		'/projects/{projectId}/user_assignments',
		'userAssignmentId',
		noun('user assignment'),
		pageList('user_assignments', ['user_id', 'is_active', 'updated_since']),
	),
	{
		method: 'GET',
		path: '/task_assignments',
		group: 'Task Assignments',
		summary: 'List task assignments of all projects',
		list: cursorList('task_assignments', ['is_active', 'updated_since']),
	},
	...collection(
		'Task Assignments',
		'/projects/{projectId}/task_assignments',
		'taskAssignmentId',
		noun('task assignment'),
		pageList('task_assignments', ['is_active', 'updated_since']),
	),

	...collection('Roles', '/roles', 'roleId', noun('role'), cursorList('roles', [])),

	...collection('Users', '/users', 'userId', noun('user'), cursorList('users', ['is_active', 'updated_since'])),
	{ method: 'GET', path: '/users/me', group: 'Users', summary: 'Retrieve the authenticated user' },
	{
		method: 'GET',
		path: '/users/{userId}/billable_rates',
		group: 'Billable Rates',
		summary: "List a user's billable rates",
		list: cursorList('billable_rates', [], 'start_date, oldest first'),
	},
	{ method: 'POST', path: '/users/{userId}/billable_rates', group: 'Billable Rates', summary: 'Create a billable rate' },
	{
		method: 'GET',
		path: '/users/{userId}/billable_rates/{billableRateId}',
		group: 'Billable Rates',
		summary: 'Retrieve a billable rate',
	},
	{
		method: 'GET',
		path: '/users/{userId}/cost_rates',
		group: 'Cost Rates',
		summary: "List a user's cost rates",
		list: cursorList('cost_rates', [], 'start_date, oldest first'),
	},
	{ method: 'POST', path: '/users/{userId}/cost_rates', group: 'Cost Rates', summary: 'Create a cost rate' },
	{ method: 'GET', path: '/users/{userId}/cost_rates/{costRateId}', group: 'Cost Rates', summary: 'Retrieve a cost rate' },
	{
		method: 'GET',
		path: '/users/me/project_assignments',
		group: 'Project Assignments',
		summary: "List the authenticated user's active project assignments",
		list: pageList('project_assignments', []),
	},
	{
		method: 'GET',
		path: '/users/{userId}/project_assignments',
		group: 'Project Assignments',
		summary: "List a user's active project assignments",
		list: cursorList('project_assignments', ['updated_since']),
	},
	{
		method: 'GET',
		path: '/users/{userId}/teammates',
		group: 'Teammates',
		summary: "List a manager's assigned teammates",
		list: cursorList('teammates', [], 'unspecified'),
	},
	{
		method: 'PATCH',
		path: '/users/{userId}/teammates',
		group: 'Teammates',
		summary: "Replace a manager's assigned teammates",
	},

	report('/reports/time/clients', 'Time report by client', true, { key: 'client_id', sums: TIME_SUMS }),
	report('/reports/time/projects', 'Time report by project', true, { key: 'project_id', sums: TIME_SUMS }),
	report('/reports/time/tasks', 'Time report by task', true, { key: 'task_id', sums: TIME_SUMS }),
	report('/reports/time/team', 'Time report by team member', true, { key: 'user_id', sums: TIME_SUMS }),
	report('/reports/expenses/categories', 'Expense report by category', false, { key: 'expense_category_id', sums: EXPENSE_SUMS }),
	report('/reports/expenses/clients', 'Expense report by client', false, { key: 'client_id', sums: EXPENSE_SUMS }),
	report('/reports/expenses/projects', 'Expense report by project', false, { key: 'project_id', sums: EXPENSE_SUMS }),
	report('/reports/expenses/team', 'Expense report by team member', false, { key: 'user_id', sums: EXPENSE_SUMS }),
	report('/reports/uninvoiced', 'Uninvoiced report', true, { key: 'project_id', sums: UNINVOICED_SUMS }),
	{
		method: 'GET',
		path: '/reports/project_budget',
		group: 'Reports',
		summary: 'Project budget report',
		reports: true,
		list: { key: 'results', pagination: 'page', filters: ['is_active'], order: 'unspecified' },
	},
];

const byKey = new Map<string, EndpointSpec>(ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e]));

/** Looks an endpoint up by `'METHOD /path'`; an unknown key is a programming error caught by the tests. */
export function endpoint(key: EndpointKey): EndpointSpec {
	const found = byKey.get(key);
	if (!found) throw new Error(`Unknown Harvest endpoint: ${key}`);
	return found;
}

/** Fills `{placeholders}` of an endpoint path; every value is URL-encoded. */
export function endpointPath(spec: EndpointSpec, params: Record<string, string | number> = {}): string {
	return spec.path.replace(/\{(\w+)\}/g, (_, name: string) => {
		const value = params[name];
		if (value === undefined || value === '') throw new Error(`Missing path parameter ${name} for ${spec.path}`);
		return encodeURIComponent(String(value));
	});
}
