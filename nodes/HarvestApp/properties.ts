import type { INodeCredentialDescription, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { accountField, authenticationField, harvestCredentials } from '../shared/descriptions/connection';
import { RESOURCES, resourceDescriptions, resourceProperty } from './actions';
import { mergeSharedFields } from './descriptions/compact';
import { listSearch, loadOptions } from './methods';

/*
 * The parts of the node's description that come from its resources, and the names of its editor methods.
 * The build freezes this module's result into plain data (scripts/freeze-description.js), so that loading
 * the node in n8n reads one value instead of running every operation's field builders; the operations load
 * when the node first runs. Tests use this module as it is.
 */

/**
 * `{"timeEntry:getAll":"Get many time entries",…}`: what each operation does, in the words of its action, so
 * the canvas reads "Create an invoice" rather than "create: invoice". Flat on purpose: n8n ends an expression
 * at the first `}}`, which a nested object would contain.
 */
const ACTIONS = JSON.stringify(
	Object.fromEntries(
		Object.entries(RESOURCES).flatMap(([resource, { description }]) =>
			((description[0].options ?? []) as INodePropertyOptions[]).map((o) => [`${resource}:${String(o.value)}`, o.action]),
		),
	),
);

export interface BuiltParts {
	subtitle: string;
	credentials: INodeCredentialDescription[];
	properties: INodeProperties[];
	/** The names of `methods.listSearch` and `methods.loadOptions`, which n8n needs before they are loaded. */
	methods: { listSearch: string[]; loadOptions: string[] };
}

export const built: BuiltParts = {
	subtitle: `={{(${ACTIONS})[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"]}}`,
	credentials: harvestCredentials,
	properties: mergeSharedFields([authenticationField, accountField, resourceProperty, ...resourceDescriptions]),
	methods: { listSearch: Object.keys(listSearch), loadOptions: Object.keys(loadOptions) },
};
