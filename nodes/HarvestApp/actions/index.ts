import type { INodeProperties } from 'n8n-workflow';

import type { HarvestResource } from '../helpers/interfaces';
import * as client from './client';
import * as customApiCall from './customApiCall';
import * as project from './project';
import * as timeEntry from './timeEntry';

/**
 * Every resource of the node. Registering a resource takes, in this file only: its import, its entry here
 * and its option in the Resource selector below. The router and the typed operation map read this object.
 */
export const RESOURCES = {
	client,
	customApiCall,
	project,
	timeEntry,
} satisfies Record<string, HarvestResource>;

/** Sorted by name, with Custom API Call last where n8n users look for it (n8n then adds no duplicate). */
export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Client', value: 'client', description: 'Companies you bill' },
		{ name: 'Project', value: 'project', description: 'Work for a client, with budget and billing settings' },
		{ name: 'Time Entry', value: 'timeEntry', description: 'Tracked time on a project task' },
		{ name: 'Custom API Call', value: 'customApiCall', description: 'Any Harvest API v2 request' },
	],
	default: 'timeEntry',
};

/** Operation selectors and fields of every resource. */
export const resourceDescriptions: INodeProperties[] = Object.values(RESOURCES).flatMap((r: HarvestResource) => r.description);
