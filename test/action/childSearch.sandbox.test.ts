/**
 * Pickers that follow their parent, against the sandbox: choosing an invoice lists its messages, payments and
 * lines; an estimate its messages and lines; a project its user and task assignments; a user their billable
 * and cost rates. Each lists exactly the parent's records, whichever way the parent was picked, and nothing
 * while the parent is empty. In the node description every such picker sits beside its parent and reloads
 * when it changes, and keeps its By ID mode.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { LOCATORS, type LocatorKind } from '../../nodes/shared/descriptions/locators';
import { byId, byUrl, fromList, node, useActionSandbox } from './support';

const env = useActionSandbox();
const search = (kind: LocatorKind, parameters: IDataObject, filter?: string) =>
	node.methods.listSearch[LOCATORS[kind].search].call(env.loadOptions(parameters), filter);
const ids = (records: Array<{ id: number }>) => records.map((r) => String(r.id)).sort();

describe('pickers that follow their parent', () => {
	it('an invoice’s messages, payments and lines', async () => {
		const store = env.store();
		const invoice = store.invoices.all().find((i) => store.invoicePayments.some((p) => p.invoice_id === i.id) && store.invoiceMessages.some((m) => m.invoice_id === i.id))!;
		const parent = { invoiceId: fromList(invoice.id) };
		const payments = await search('invoicePayment', parent);
		expect(payments.results.map((r) => r.value).sort()).toEqual(ids(store.invoicePayments.filter((p) => p.invoice_id === invoice.id)));
		expect(payments.results[0].name).toMatch(/^\d{4}-\d{2}-\d{2} · \d+\.\d{2}/);
		const messages = await search('invoiceMessage', { invoiceId: byUrl(`https://sandbox-agency.harvestapp.com/invoices/${invoice.id}`) });
		expect(messages.results.map((r) => r.value).sort()).toEqual(ids(store.invoiceMessages.filter((m) => m.invoice_id === invoice.id)));
		expect(messages.results.every((r) => / · (Email|Send|Close|Re-open|Draft)/.test(r.name))).toBe(true);
		const lines = await search('invoiceLineItem', parent);
		expect(lines.results.map((r) => r.value)).toEqual(invoice.line_items.map((l) => String(l.id)));
		// Another invoice, other records: the list follows the parent.
		const other = store.invoices.all().find((i) => i.id !== invoice.id && store.invoicePayments.some((p) => p.invoice_id === i.id))!;
		const otherPayments = await search('invoicePayment', { invoiceId: byId(other.id) });
		expect(otherPayments.results.map((r) => r.value).sort()).toEqual(ids(store.invoicePayments.filter((p) => p.invoice_id === other.id)));
	});

	it('an estimate’s messages, a project’s assignments, a user’s rates', async () => {
		const store = env.store();
		const estimate = store.estimates.all().find((e) => store.estimateMessages.some((m) => m.estimate_id === e.id))!;
		const messages = await search('estimateMessage', { estimateId: byId(estimate.id) });
		expect(messages.results.map((r) => r.value).sort()).toEqual(ids(store.estimateMessages.filter((m) => m.estimate_id === estimate.id)));

		const project = store.projects.all().find((p) => p.is_active && store.userAssignments.some((ua) => ua.project_id === p.id))!;
		const people = await search('userAssignment', { projectId: byId(project.id) });
		expect(people.results.map((r) => r.value).sort()).toEqual(ids(store.userAssignments.filter((ua) => ua.project_id === project.id)));
		const me = store.users.get(store.meId)!;
		expect(people.results.some((r) => r.name.startsWith(`${me.first_name} ${me.last_name}`))).toBe(true);
		const tasks = await search('taskAssignment', { projectId: byId(project.id) });
		expect(tasks.results.map((r) => r.value).sort()).toEqual(ids(store.taskAssignments.filter((ta) => ta.project_id === project.id)));

		const user = store.users.all().find((u) => store.billableRates.some((r) => r.user_id === u.id) && store.costRates.some((r) => r.user_id === u.id))!;
		const billable = await search('billableRate', { userId: byId(user.id) });
		expect(billable.results.map((r) => r.value).sort()).toEqual(ids(store.billableRates.filter((r) => r.user_id === user.id)));
		expect(billable.results[0].name).toMatch(/per hour from/);
		const cost = await search('costRate', { userId: byId(user.id) }, 'per hour');
		expect(cost.results.map((r) => r.value).sort()).toEqual(ids(store.costRates.filter((r) => r.user_id === user.id)));
	});

	it('lists nothing, and asks Harvest nothing, while the parent is empty or an expression', async () => {
		for (const kind of Object.keys(LOCATORS) as LocatorKind[]) {
			const parent = LOCATORS[kind].parent;
			if (!parent) continue;
			expect(await search(kind, { [parent.parameter]: byId('') })).toEqual({ results: [] });
			expect(await search(kind, { [parent.parameter]: byId('={{ $json.id }}') })).toEqual({ results: [] });
		}
		expect(env.received()).toEqual([]);
	});
});

describe('dependent pickers in the node description', () => {
	const properties = node.description.properties;
	const childSearches = new Map(
		(Object.keys(LOCATORS) as LocatorKind[]).filter((k) => LOCATORS[k].parent).map((k) => [LOCATORS[k].search, LOCATORS[k].parent!]),
	);
	const listMethod = (p: INodeProperties) =>
		String((p.modes ?? []).find((m) => m.name === 'list')?.typeOptions?.searchListMethod ?? '');
	const pickers = properties.filter((p) => p.type === 'resourceLocator' && childSearches.has(listMethod(p)));

	it('has a picker for every message, payment, assignment, line item and rate ID', () => {
		expect(new Set(pickers.map((p) => p.name))).toEqual(
			new Set(['billableRateId', 'costRateId', 'lineItemId', 'messageId', 'paymentId', 'taskAssignmentId', 'userAssignmentId']),
		);
	});

	it('puts each beside its parent, reloading when the parent changes, with By ID kept', () => {
		for (const picker of pickers) {
			const parent = childSearches.get(listMethod(picker))!;
			const show = picker.displayOptions!.show!;
			const sibling = properties.find(
				(p) =>
					p.name === parent.parameter &&
					show.resource!.every((r) => p.displayOptions?.show?.resource?.includes(r)) &&
					show.operation!.every((o) => p.displayOptions?.show?.operation?.includes(o)),
			);
			expect([picker.name, show.operation, sibling?.type]).toEqual([picker.name, show.operation, 'resourceLocator']);
			expect(picker.typeOptions?.loadOptionsDependsOn).toEqual([`${parent.parameter}.value`]);
			expect((picker.modes ?? []).map((m) => m.name)).toContain('id');
		}
	});
});
