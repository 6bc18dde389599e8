import type { INodeProperties } from 'n8n-workflow';

export type LocatorKind =
	| 'billableRate'
	| 'client'
	| 'contact'
	| 'costRate'
	| 'estimate'
	| 'estimateItemCategory'
	| 'estimateLineItem'
	| 'estimateMessage'
	| 'expense'
	| 'expenseCategory'
	| 'invoice'
	| 'invoiceItemCategory'
	| 'invoiceLineItem'
	| 'invoiceMessage'
	| 'invoicePayment'
	| 'project'
	| 'role'
	| 'task'
	| 'taskAssignment'
	| 'timeEntry'
	| 'user'
	| 'userAssignment';

interface LocatorSpec {
	label: string;
	/** `methods.listSearch` function that lists the records. */
	search: string;
	/** Path segment of the record's page in Harvest's web app, where it has one with the id in it. */
	webPath?: string;
	/** Records that belong to another one (an invoice's payments): the picker of that one, which this list follows. */
	parent?: { parameter: string; kind: LocatorKind };
}

const ofInvoice = { parameter: 'invoiceId', kind: 'invoice' } as const;
const ofEstimate = { parameter: 'estimateId', kind: 'estimate' } as const;
const ofProject = { parameter: 'projectId', kind: 'project' } as const;
const ofUser = { parameter: 'userId', kind: 'user' } as const;

export const LOCATORS: Record<LocatorKind, LocatorSpec> = {
	billableRate: { label: 'Billable Rate', search: 'searchBillableRates', parent: ofUser },
	client: { label: 'Client', search: 'searchClients', webPath: 'clients' },
	contact: { label: 'Contact', search: 'searchContacts' },
	costRate: { label: 'Cost Rate', search: 'searchCostRates', parent: ofUser },
	estimate: { label: 'Estimate', search: 'searchEstimates', webPath: 'estimates' },
	estimateItemCategory: { label: 'Estimate Item Category', search: 'searchEstimateItemCategories' },
	estimateLineItem: { label: 'Line Item', search: 'searchEstimateLineItems', parent: ofEstimate },
	estimateMessage: { label: 'Message', search: 'searchEstimateMessages', parent: ofEstimate },
	expense: { label: 'Expense', search: 'searchExpenses', webPath: 'expenses' },
	expenseCategory: { label: 'Expense Category', search: 'searchExpenseCategories' },
	invoice: { label: 'Invoice', search: 'searchInvoices', webPath: 'invoices' },
	invoiceItemCategory: { label: 'Invoice Item Category', search: 'searchInvoiceItemCategories' },
	invoiceLineItem: { label: 'Line Item', search: 'searchInvoiceLineItems', parent: ofInvoice },
	invoiceMessage: { label: 'Message', search: 'searchInvoiceMessages', parent: ofInvoice },
	invoicePayment: { label: 'Payment', search: 'searchInvoicePayments', parent: ofInvoice },
	project: { label: 'Project', search: 'searchProjects', webPath: 'projects' },
	role: { label: 'Role', search: 'searchRoles' },
	task: { label: 'Task', search: 'searchTasks', webPath: 'tasks' },
	taskAssignment: { label: 'Task Assignment', search: 'searchTaskAssignments', parent: ofProject },
	timeEntry: { label: 'Time Entry', search: 'searchTimeEntries' },
	user: { label: 'User', search: 'searchUsers', webPath: 'people' },
	userAssignment: { label: 'User Assignment', search: 'searchUserAssignments', parent: ofProject },
};

/** Body and filter fields that name another record, and the record kind they name. */
export const FIELD_LOCATORS: Record<string, LocatorKind> = {
	client_id: 'client',
	contact_id: 'contact',
	estimate_id: 'estimate',
	expense_category_id: 'expenseCategory',
	invoice_id: 'invoice',
	project_id: 'project',
	role_id: 'role',
	task_id: 'task',
	user_id: 'user',
};

/**
 * Path placeholder (`clientId`) → record kind, for the ids in endpoint paths. Messages and payments are named
 * by what they belong to, which the endpoint's path says.
 */
export function placeholderKind(placeholder: string, path = ''): LocatorKind | undefined {
	if (placeholder === 'messageId') return path.startsWith('/estimates/') ? 'estimateMessage' : 'invoiceMessage';
	if (placeholder === 'paymentId') return 'invoicePayment';
	const kind = placeholder.replace(/Id$/, '');
	return kind in LOCATORS ? (kind as LocatorKind) : undefined;
}

/** Pattern whose first group is the id in a Harvest web-app URL such as https://acme.harvestapp.com/projects/123. */
export function urlPattern(kind: LocatorKind): string | undefined {
	const path = LOCATORS[kind].webPath;
	// Kept short: it is sent to the editor twice for every URL picker (extractValue and validation).
	return path ? `^https?://[\\w-]+\\.harvestapp\\.com/${path}/(\\d+)(?:[/?#]|$)` : undefined;
}

export interface LocatorOptions {
	name?: string;
	displayName?: string;
	description?: string;
	required?: boolean;
	hint?: string;
}

/** A From List / By URL / By ID picker for one kind of Harvest record. */
export function locator(kind: LocatorKind, options: LocatorOptions = {}): INodeProperties {
	const spec = LOCATORS[kind];
	const pattern = urlPattern(kind) ?? '';
	const property: INodeProperties = {
		displayName: options.displayName ?? spec.label,
		name: options.name ?? `${kind}Id`,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.search, searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `e.g. https://acme.harvestapp.com/${spec.webPath}/12345678`,
				extractValue: { type: 'regex', regex: pattern },
				validation: [
					{
						type: 'regex',
						properties: { regex: pattern, errorMessage: `Not a Harvest ${spec.label.toLowerCase()} URL` },
					},
				],
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 12345678',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A Harvest ID is a number' } }],
			},
		],
	};
	// Records without a page of their own in Harvest's web app have no URL mode.
	if (!pattern) property.modes = property.modes?.filter((mode) => mode.name !== 'url');
	// A list of what belongs to the chosen parent is read again when the parent changes.
	if (spec.parent) property.typeOptions = { loadOptionsDependsOn: [`${spec.parent.parameter}.value`] };
	if (options.description) property.description = options.description;
	if (options.hint) property.hint = options.hint;
	return property;
}
