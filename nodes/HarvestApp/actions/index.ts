import type { INodeProperties } from 'n8n-workflow';

import { findFields } from '../helpers/find';
import type { HarvestResource } from '../helpers/interfaces';
import * as billableRate from './billableRate';
import * as client from './client';
import * as company from './company';
import * as contact from './contact';
import * as costRate from './costRate';
import * as customApiCall from './customApiCall';
import * as estimate from './estimate';
import * as estimateItemCategory from './estimateItemCategory';
import * as estimateMessage from './estimateMessage';
import * as expense from './expense';
import * as expenseCategory from './expenseCategory';
import * as invoice from './invoice';
import * as invoiceItemCategory from './invoiceItemCategory';
import * as invoiceMessage from './invoiceMessage';
import * as invoicePayment from './invoicePayment';
import * as project from './project';
import * as projectAssignment from './projectAssignment';
import * as report from './report';
import * as role from './role';
import * as task from './task';
import * as taskAssignment from './taskAssignment';
import * as teammate from './teammate';
import * as timeEntry from './timeEntry';
import * as user from './user';
import * as userAssignment from './userAssignment';

/**
 * Every resource of the node. Registering a resource takes, in this file only: its import, its entry here
 * and its option in the Resource selector below. The router and the typed operation map read this object.
 */
export const RESOURCES = {
	billableRate,
	client,
	company,
	contact,
	costRate,
	customApiCall,
	estimate,
	estimateItemCategory,
	estimateMessage,
	expense,
	expenseCategory,
	invoice,
	invoiceItemCategory,
	invoiceMessage,
	invoicePayment,
	project,
	projectAssignment,
	report,
	role,
	task,
	taskAssignment,
	teammate,
	timeEntry,
	user,
	userAssignment,
} satisfies Record<string, HarvestResource>;

/** Sorted by name, as n8n's lint requires (Custom API Call included). */
export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Billable Rate', value: 'billableRate', description: 'Hourly rates a person is billed at, over time' },
		{ name: 'Client', value: 'client', description: 'Companies you bill' },
		{ name: 'Company', value: 'company', description: 'Settings of the Harvest account' },
		{ name: 'Contact', value: 'contact', description: 'People at your clients' },
		{ name: 'Cost Rate', value: 'costRate', description: 'Hourly costs of a person, over time' },
		{ name: 'Custom API Call', value: 'customApiCall', description: 'Any Harvest API v2 request' },
		{ name: 'Estimate', value: 'estimate', description: 'Quotes sent to clients before the work' },
		{ name: 'Estimate Item Category', value: 'estimateItemCategory', description: 'Kinds of estimate lines, e.g. Service or Product' },
		{ name: 'Estimate Message', value: 'estimateMessage', description: 'Emails and state changes of an estimate: send, accept, decline, re-open' },
		{ name: 'Expense', value: 'expense', description: 'Money spent on a project, with an optional receipt' },
		{ name: 'Expense Category', value: 'expenseCategory', description: 'Kinds of expenses, e.g. travel or mileage' },
		{ name: 'Invoice', value: 'invoice', description: 'Bills to clients, free-form or from tracked time and expenses' },
		{ name: 'Invoice Item Category', value: 'invoiceItemCategory', description: 'Kinds of invoice lines, e.g. Service or Product' },
		{ name: 'Invoice Message', value: 'invoiceMessage', description: 'Emails and state changes of an invoice: send, close, re-open, draft' },
		{ name: 'Invoice Payment', value: 'invoicePayment', description: 'Payments recorded against an invoice' },
		{ name: 'Project', value: 'project', description: 'Work for a client, with budget and billing settings' },
		{ name: 'Project Assignment', value: 'projectAssignment', description: 'Projects a person is assigned to' },
		{ name: 'Report', value: 'report', description: 'Time, expense, uninvoiced and budget reports' },
		{ name: 'Role', value: 'role', description: 'Named groups of people, e.g. Designers' },
		{ name: 'Task', value: 'task', description: 'Kinds of work tracked on projects' },
		{ name: 'Task Assignment', value: 'taskAssignment', description: 'Tasks on a project, with billing settings' },
		{ name: 'Teammate', value: 'teammate', description: 'People a manager manages' },
		{ name: 'Time Entry', value: 'timeEntry', description: 'Tracked time on a project task' },
		{ name: 'User', value: 'user', description: 'People in the Harvest account' },
		{ name: 'User Assignment', value: 'userAssignment', description: 'People on a project, with rates and budgets' },
	],
	default: 'timeEntry',
};

/**
 * Every resource's Operation selector, then the fields several resources share (described once), then each
 * resource's own fields. Fields show by resource and operation, so this order is the order on screen.
 */
const resources: HarvestResource[] = Object.values(RESOURCES);
export const resourceDescriptions: INodeProperties[] = [
	...resources.map((r) => r.description[0]),
	...findFields(),
	...resources.flatMap((r) => r.description.slice(1)),
];
