import type { INodeProperties } from 'n8n-workflow';

export type LocatorKind =
	| 'client'
	| 'contact'
	| 'estimate'
	| 'estimateItemCategory'
	| 'expense'
	| 'expenseCategory'
	| 'invoice'
	| 'invoiceItemCategory'
	| 'project'
	| 'role'
	| 'task'
	| 'timeEntry'
	| 'user';

interface LocatorSpec {
	label: string;
	/** `methods.listSearch` function that lists the records. */
	search: string;
	/** Path segment of the record's page in Harvest's web app, where it has one with the id in it. */
	webPath?: string;
}

export const LOCATORS: Record<LocatorKind, LocatorSpec> = {
	client: { label: 'Client', search: 'searchClients', webPath: 'clients' },
	contact: { label: 'Contact', search: 'searchContacts' },
	estimate: { label: 'Estimate', search: 'searchEstimates', webPath: 'estimates' },
	estimateItemCategory: { label: 'Estimate Item Category', search: 'searchEstimateItemCategories' },
	expense: { label: 'Expense', search: 'searchExpenses', webPath: 'expenses' },
	expenseCategory: { label: 'Expense Category', search: 'searchExpenseCategories' },
	invoice: { label: 'Invoice', search: 'searchInvoices', webPath: 'invoices' },
	invoiceItemCategory: { label: 'Invoice Item Category', search: 'searchInvoiceItemCategories' },
	project: { label: 'Project', search: 'searchProjects', webPath: 'projects' },
	role: { label: 'Role', search: 'searchRoles' },
	task: { label: 'Task', search: 'searchTasks', webPath: 'tasks' },
	timeEntry: { label: 'Time Entry', search: 'searchTimeEntries' },
	user: { label: 'User', search: 'searchUsers', webPath: 'people' },
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

/** Path placeholder (`clientId`) → record kind, for the ids in endpoint paths. */
export function placeholderKind(placeholder: string): LocatorKind | undefined {
	const kind = placeholder.replace(/Id$/, '');
	return kind in LOCATORS ? (kind as LocatorKind) : undefined;
}

/** Pattern whose first group is the id in a Harvest web-app URL such as https://acme.harvestapp.com/projects/123. */
export function urlPattern(kind: LocatorKind): string | undefined {
	const path = LOCATORS[kind].webPath;
	return path ? `^https?://[a-zA-Z0-9-]+\\.harvestapp\\.com/${path}/(\\d+)(?:[/?#].*)?$` : undefined;
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
	if (options.description) property.description = options.description;
	if (options.hint) property.hint = options.hint;
	return property;
}
