import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { bodyFields, endpoint, EXPENSE_SUMMARY_TYPES, TIME_SUMMARY_TYPES } from '../../../shared/catalogue';
import { harvestRequest } from '../../../shared/transport';

import { fieldsCollection, topFields } from '../../descriptions/fields';
import { readBody } from '../../helpers/body';
import { describeOperation } from '../../helpers/operations';
import { invalid, isEmpty, toDate, toIds, toOption, type Check } from '../../helpers/validation';
import { checkDueDate } from './shared';

// Harvest builds the lines itself (`line_items_import`) from the projects' uninvoiced billable time and expenses.
const KEY = 'POST /invoices';
const specs = bodyFields(KEY).filter((s) => s.name !== 'line_items' && s.name !== 'line_items_import');
const when = (flag: string) => ({ displayOptions: { show: { [flag]: [true] } } });

const period = (prefix: string, flag: string, what: string): INodeProperties[] => [
	{
		displayName: `${prefix} From`,
		name: `${prefix.toLowerCase()}From`,
		type: 'dateTime',
		default: '',
		description: `First day of the ${what} to bill; leave From and To empty to bill all uninvoiced ${what}`,
		...when(flag),
	},
	{
		displayName: `${prefix} To`,
		name: `${prefix.toLowerCase()}To`,
		type: 'dateTime',
		default: '',
		description: `Last day of the ${what} to bill; needed whenever From is set`,
		...when(flag),
	},
];

const properties: INodeProperties[] = [
	...topFields(specs, ['client_id']),
	{
		displayName: 'Project Names or IDs',
		name: 'projectIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getClientProjects', loadOptionsDependsOn: ['clientId.value'] },
		required: true,
		default: [],
		description:
			'Projects of the client to bill. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Import Time',
		name: 'importTime',
		type: 'boolean',
		default: true,
		description: 'Whether to bill the uninvoiced billable time of these projects',
	},
	{
		displayName: 'Time Summary',
		name: 'timeSummaryType',
		type: 'options',
		options: [
			{ name: 'One Line per Person', value: 'people' },
			{ name: 'One Line per Project', value: 'project' },
			{ name: 'One Line per Task', value: 'task' },
			{ name: 'One Line per Time Entry', value: 'detailed' },
		],
		default: 'project',
		description: 'How the time is grouped into invoice lines',
		...when('importTime'),
	},
	...period('Time', 'importTime', 'time'),
	{
		displayName: 'Import Expenses',
		name: 'importExpenses',
		type: 'boolean',
		default: false,
		description: 'Whether to bill the uninvoiced billable expenses of these projects',
	},
	{
		displayName: 'Expense Summary',
		name: 'expenseSummaryType',
		type: 'options',
		options: [
			{ name: 'One Line per Category', value: 'category' },
			{ name: 'One Line per Expense', value: 'detailed' },
			{ name: 'One Line per Person', value: 'people' },
			{ name: 'One Line per Project', value: 'project' },
		],
		default: 'project',
		description: 'How the expenses are grouped into invoice lines',
		...when('importExpenses'),
	},
	...period('Expenses', 'importExpenses', 'expenses'),
	{
		displayName: 'Attach Receipts',
		name: 'attachReceipts',
		type: 'boolean',
		default: false,
		description: 'Whether to attach a PDF of the expenses and their receipts to the invoice',
		...when('importExpenses'),
	},
	fieldsCollection('additionalFields', 'Additional Fields', specs.filter((s) => s.name !== 'client_id')),
];

export const description = describeOperation({ resource: 'invoice', operation: 'createFromTrackedTime' }, properties);

/** Harvest takes both dates or neither (everything uninvoiced). */
function readPeriod(this: IExecuteFunctions, itemIndex: number, prefix: string): IDataObject {
	const fromLabel = `${prefix} From`;
	const toLabel = `${prefix} To`;
	const rawFrom = this.getNodeParameter(`${prefix.toLowerCase()}From`, itemIndex, '');
	const rawTo = this.getNodeParameter(`${prefix.toLowerCase()}To`, itemIndex, '');
	if (isEmpty(rawFrom) && isEmpty(rawTo)) return {};
	if (isEmpty(rawFrom) || isEmpty(rawTo)) {
		const [missing, given] = isEmpty(rawFrom) ? [fromLabel, toLabel] : [toLabel, fromLabel];
		invalid(this, itemIndex, missing, `is required when "${given}" is set`, 'Set both dates, or neither to bill everything uninvoiced.');
	}
	const from = toDate({ ctx: this, itemIndex, label: fromLabel }, rawFrom);
	const to = toDate({ ctx: this, itemIndex, label: toLabel }, rawTo);
	if (to < from) invalid(this, itemIndex, toLabel, `(${to}) is before "${fromLabel}" (${from})`);
	return { from, to };
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body = readBody.call(this, itemIndex, specs, { top: ['client_id'], collection: 'additionalFields' });
	checkDueDate.call(this, itemIndex, body);
	const check = (label: string): Check => ({ ctx: this, itemIndex, label });
	const projectIds = toIds(check('Project Names or IDs'), this.getNodeParameter('projectIds', itemIndex, []));
	if (projectIds.length === 0) invalid(this, itemIndex, 'Project Names or IDs', 'needs at least one project');
	const spec: IDataObject = { project_ids: projectIds };
	if (this.getNodeParameter('importTime', itemIndex, true)) {
		const type = toOption(check('Time Summary'), this.getNodeParameter('timeSummaryType', itemIndex), TIME_SUMMARY_TYPES);
		spec.time = { summary_type: type, ...readPeriod.call(this, itemIndex, 'Time') };
	}
	if (this.getNodeParameter('importExpenses', itemIndex, false)) {
		const type = toOption(check('Expense Summary'), this.getNodeParameter('expenseSummaryType', itemIndex), EXPENSE_SUMMARY_TYPES);
		const attach = this.getNodeParameter('attachReceipts', itemIndex, false) === true;
		spec.expenses = { summary_type: type, ...readPeriod.call(this, itemIndex, 'Expenses'), attach_receipt: attach };
	}
	if (!spec.time && !spec.expenses) {
		invalid(this, itemIndex, 'Import Time', 'or "Import Expenses" must be on', 'Choose what the invoice bills.');
	}
	body.line_items_import = spec;
	return await harvestRequest.call(this, { method: 'POST', path: endpoint(KEY).path, body, itemIndex });
}
