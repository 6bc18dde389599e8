import type { INodeProperties } from 'n8n-workflow';

import { HarvestAppTrigger } from '../../nodes/HarvestAppTrigger/HarvestAppTrigger.node';
import { resourceProperty } from '../../nodes/HarvestAppTrigger/description';
import { targetOptions, WATCHED_FIELDS, watchedField } from '../../nodes/HarvestAppTrigger/fields';
import { readId, resolveFilters, WATCHED_RESOURCES, watchedResource } from '../../nodes/HarvestAppTrigger/resources';
import { APPROVAL_STATUSES, endpoint, ENDPOINTS, ESTIMATE_STATES, INVOICE_STATES } from '../../nodes/shared/catalogue';
import { listSearch } from '../../nodes/shared/methods/listSearch';
import { returnAllOrLimit } from '../../nodes/shared/descriptions/limit';

const node = new HarvestAppTrigger();
const { description } = node;

function walk(properties: INodeProperties[], visit: (p: INodeProperties) => void): void {
	for (const property of properties) {
		visit(property);
		for (const option of property.options ?? []) {
			if (option && typeof option === 'object' && 'displayName' in option && 'type' in option) walk([option as INodeProperties], visit);
		}
	}
}

describe('Harvest App Trigger description', () => {
	it('is a polling trigger without its own poll times and not usable as a tool', () => {
		expect(description).toMatchObject({
			name: 'harvestAppTrigger',
			displayName: 'Harvest App Trigger',
			polling: true,
			inputs: [],
			group: ['trigger'],
			version: 1,
		});
		expect(description.outputs).toEqual(['main']);
		expect(description).not.toHaveProperty('usableAsTool');
		expect(description.properties.some((p) => p.name === 'pollTimes')).toBe(false);
		expect(description.icon).toEqual({ light: 'file:../../icons/harvestApp.svg', dark: 'file:../../icons/harvestApp.dark.svg' });
	});

	it('has a subtitle that reads like the event', () => {
		const body = String(description.subtitle).replace(/^=\{\{/, '').replace(/\}\}$/, '');
		const subtitle = (parameters: Record<string, string>) => new Function('$parameter', `return ${body};`)(parameters) as string;
		expect(subtitle({ event: 'newOrUpdated', resource: 'timeEntry' })).toBe('New or updated time entry');
		expect(subtitle({ event: 'new', resource: 'invoiceItemCategory' })).toBe('New invoice item category');
		expect(subtitle({ event: 'deleted', resource: 'expense' })).toBe('Deleted expense');
		expect(subtitle({ event: 'fieldChanged', resource: 'timeEntry', watchField: 'approval_status' })).toBe('Changed time entry: approval status');
		expect(subtitle({ event: 'fieldChanged', resource: 'invoice', watchField: 'paid_at' })).toBe('Changed invoice: paid at');
	});

	it('offers both credentials, each for its authentication choice, and the account picker', () => {
		expect(description.credentials).toEqual([
			expect.objectContaining({ name: 'harvestAppApi', displayOptions: { show: { authentication: ['accessToken'] } } }),
			expect.objectContaining({ name: 'harvestAppOAuth2Api', displayOptions: { show: { authentication: ['oAuth2'] } } }),
		]);
		expect(description.properties.slice(0, 2).map((p) => p.name)).toEqual(['authentication', 'accountId']);
		expect(node.methods.loadOptions.getAccounts).toEqual(expect.any(Function));
	});

	it('says how deletions are found, and what a check costs', () => {
		const notice = description.properties.find((p) => p.type === 'notice');
		expect(notice?.displayName).toMatch(/Harvest keeps no record of deletions/);
		const options = description.properties.find((p) => p.name === 'options')?.options as INodeProperties[];
		expect(options.find((o) => o.name === 'deletionCheckEvery')?.hint).toMatch(/ceil\(N \/ 2000\) requests/);
	});

	it('offers, per watchable field, its values (or yes/no, set/cleared) as To Values', () => {
		for (const [resource, fields] of Object.entries(WATCHED_FIELDS)) {
			const selector = description.properties.find((p) => p.name === 'watchField' && p.displayOptions?.show?.resource?.includes(resource));
			expect(selector?.default).toBe(fields[0].name);
			expect((selector?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(fields.map((f) => f.name).sort());
			for (const field of fields) {
				const targets = description.properties.filter(
					(p) => p.name === 'toValues' && p.displayOptions?.show?.resource?.includes(resource) && p.displayOptions?.show?.watchField?.includes(field.name),
				);
				expect(targets.map((t) => t.options)).toEqual([targetOptions(field)]);
			}
		}
		expect(targetOptions(watchedField('invoice', 'state')!).map((o) => o.value)).toEqual(['closed', 'draft', 'open', 'paid']);
		expect(targetOptions(watchedField('invoice', 'paid_at')!).map((o) => o.value)).toEqual(['cleared', 'set']);
		expect(targetOptions(watchedField('user', 'is_active')!).map((o) => o.value)).toEqual(['false', 'true']);
	});

	it('lists exactly the watched resources, sorted', () => {
		const options = resourceProperty.options as Array<{ name: string; value: string }>;
		const sorted = [...WATCHED_RESOURCES].sort((a, b) => a.label.localeCompare(b.label));
		expect(options).toEqual(sorted.map((r) => ({ name: r.label, value: r.value })));
	});

	it('watches every account-wide list that takes updated_since', () => {
		const pollable = ENDPOINTS.filter(
			(e) => e.method === 'GET' && e.list?.filters.includes('updated_since') && !e.path.includes('{'),
		).map((e) => `GET ${e.path}`);
		expect(WATCHED_RESOURCES.map((r) => r.list).sort()).toEqual(pollable.sort());
		expect(pollable).toHaveLength(14);
	});

	it('only sends query filters that Harvest documents for the list', () => {
		for (const resource of WATCHED_RESOURCES) {
			const documented = endpoint(resource.list).list?.filters ?? [];
			for (const filter of resource.filters) {
				for (const name of filter.queryFilters) expect({ list: resource.list, name, ok: documented.includes(name) }).toEqual({ list: resource.list, name, ok: true });
			}
		}
	});

	it('writes out the catalogue values for one-of filters', () => {
		const values = (resource: string, name: string) =>
			(watchedResource(resource)?.filters.find((f) => f.property.name === name)?.property.options as Array<{ value: string }>).map((o) => o.value);
		expect(values('timeEntry', 'approvalStatus')).toEqual([...APPROVAL_STATUSES]);
		expect(values('expense', 'approvalStatus')).toEqual([...APPROVAL_STATUSES]);
		expect(values('invoice', 'state')).toEqual([...INVOICE_STATES]);
		expect(values('estimate', 'state')).toEqual([...ESTIMATE_STATES]);
	});

	it('has pickers whose searches exist', () => {
		walk(description.properties, (p) => {
			for (const mode of p.modes ?? []) {
				const method = mode.typeOptions?.searchListMethod;
				if (method) expect({ method, found: method in node.methods.listSearch }).toEqual({ method, found: true });
			}
		});
		expect(node.methods.listSearch).toBe(listSearch);
	});

	it('follows the editor conventions', () => {
		// The shared connection fields are checked where they are defined.
		const own = description.properties.filter((p) => !['authentication', 'accountId'].includes(p.name));
		walk(own, (p) => {
			if (p.type === 'notice') return;
			expect(p.displayName).toMatch(/^([A-Z][\w]*|or|of|and|for)( ([A-Z][\w]*|or|of|and|for))*$/);
			if (p.type === 'boolean') expect(p.description).toMatch(/^Whether /);
			if (p.type === 'options') {
				const names = (p.options as Array<{ name: string }>).map((o) => o.name);
				expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			}
			if (p.type === 'collection') {
				const names = (p.options as INodeProperties[]).map((o) => o.displayName);
				expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			}
		});
		const limit = description.properties.find((p) => p.name === 'limit');
		expect(limit).toMatchObject({ type: 'number', default: 50, typeOptions: { minValue: 1 } });
		const options = description.properties.find((p) => p.name === 'options')?.options as INodeProperties[];
		expect(options.map((o) => o.name)).toEqual(['deletionCheckEvery', 'deletionCheckUnit', 'deletionWindowDays', 'includeExisting', 'overlapSeconds', 'reportDeletions', 'startFrom']);
	});

	it('uses the action node\'s Limit, always shown (a poll has no Return All) and with a hint about the rest', () => {
		const limit = description.properties.find((p) => p.name === 'limit');
		const { displayOptions, ...shared } = returnAllOrLimit().find((p) => p.name === 'limit')!;
		expect(displayOptions).toBeDefined();
		expect(limit).toEqual({ ...shared, hint: expect.stringContaining('next polls') });
	});

	it('says that Start From is read in the workflow\'s time zone, as the poll does', () => {
		const options = description.properties.find((p) => p.name === 'options')?.options as INodeProperties[];
		const startFrom = options.find((o) => o.name === 'startFrom');
		expect(startFrom?.description).toContain("workflow's time zone");
		expect(startFrom?.description).not.toContain('UTC');
	});

	it('shows one Filters collection per resource that has filters', () => {
		const collections = description.properties.filter((p) => p.name === 'filters');
		const shown = collections.map((p) => p.displayOptions?.show?.resource);
		expect(shown).toEqual(WATCHED_RESOURCES.filter((r) => r.filters.length).map((r) => [r.value]));
	});
});

describe('filters', () => {
	const timeEntries = watchedResource('timeEntry')!;

	it('go into the query where Harvest has them', () => {
		const resolved = resolveFilters(timeEntries, {
			clientId: { mode: 'list', value: '42' },
			projectId: { mode: 'url', value: 'https://acme.harvestapp.com/projects/77' },
			userId: { mode: 'id', value: ' 9 ' },
			taskId: 5,
			excludeRunningTimers: true,
			approvalStatus: 'submitted',
			billed: 'unbilled',
		});
		expect(resolved.qs).toEqual({
			client_id: 42,
			project_id: 77,
			user_id: 9,
			task_id: 5,
			is_running: false,
			approval_status: 'submitted',
			is_billed: false,
		});
		expect(resolved.match({})).toBe(true);
	});

	it('leave unset or switched-off filters out', () => {
		expect(resolveFilters(timeEntries, { clientId: { mode: 'list', value: '' }, excludeRunningTimers: false }).qs).toEqual({});
		expect(resolveFilters(watchedResource('client')!, { activeOnly: false }).qs).toEqual({});
		expect(resolveFilters(watchedResource('client')!, { activeOnly: true }).qs).toEqual({ is_active: true });
	});

	it('check the project of an assignment on the record', () => {
		const resolved = resolveFilters(watchedResource('taskAssignment')!, { projectId: { mode: 'id', value: '7' } });
		expect(resolved.qs).toEqual({});
		expect(resolved.match({ project: { id: 7 } })).toBe(true);
		expect(resolved.match({ project: { id: 8 } })).toBe(false);
		expect(resolved.effective).toEqual({ projectId: { match: 7 } });
	});

	it('refuse ids and options that Harvest would not accept', () => {
		expect(() => readId('abc', 'Client')).toThrow('The filter "Client" needs a Harvest ID (a number), not "abc"');
		expect(() => resolveFilters(watchedResource('invoice')!, { state: 'lost' })).toThrow(/must be one of closed, draft, open, paid/);
	});
});
