import type { INodeProperties } from 'n8n-workflow';

import type { HarvestResource } from '../helpers/interfaces';
import * as client from './client';
import * as company from './company';
import * as contact from './contact';
import * as customApiCall from './customApiCall';
import * as expense from './expense';
import * as expenseCategory from './expenseCategory';
import * as project from './project';
import * as task from './task';
import * as timeEntry from './timeEntry';
import * as user from './user';

/**
 * Every resource of the node. Registering a resource takes, in this file only: its import, its entry here
 * and its option in the Resource selector below. The router and the typed operation map read this object.
 */
export const RESOURCES = {
	client,
	company,
	contact,
	customApiCall,
	expense,
	expenseCategory,
	project,
	task,
	timeEntry,
	user,
} satisfies Record<string, HarvestResource>;

/** Sorted by name, as n8n's lint requires (Custom API Call included). */
export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Client', value: 'client', description: 'Companies you bill' },
		{ name: 'Company', value: 'company', description: 'Settings of the Harvest account' },
		{ name: 'Contact', value: 'contact', description: 'People at your clients' },
		{ name: 'Custom API Call', value: 'customApiCall', description: 'Any Harvest API v2 request' },
		{ name: 'Expense', value: 'expense', description: 'Money spent on a project, with an optional receipt' },
		{ name: 'Expense Category', value: 'expenseCategory', description: 'Kinds of expenses, e.g. travel or mileage' },
		{ name: 'Project', value: 'project', description: 'Work for a client, with budget and billing settings' },
		{ name: 'Task', value: 'task', description: 'Kinds of work tracked on projects' },
		{ name: 'Time Entry', value: 'timeEntry', description: 'Tracked time on a project task' },
		{ name: 'User', value: 'user', description: 'People in the Harvest account' },
	],
	default: 'timeEntry',
};

/** Operation selectors and fields of every resource. */
export const resourceDescriptions: INodeProperties[] = Object.values(RESOURCES).flatMap((r: HarvestResource) => r.description);
