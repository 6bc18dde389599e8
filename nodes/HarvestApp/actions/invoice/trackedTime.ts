import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalid, isEmpty, toDate } from '../../helpers/validation';

/* Editor fields of Create From Tracked Time that are not Harvest body fields: what to import, and how. */

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

export const importProperties: INodeProperties[] = [
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
];

/** Harvest takes both dates or neither (everything uninvoiced). */
export function readPeriod(this: IExecuteFunctions, itemIndex: number, prefix: string): IDataObject {
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
