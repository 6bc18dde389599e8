/**
 * Editor lists of the invoice and estimate operations against the sandbox: kinds from the item categories,
 * the lines of the picked document, the picked client's projects, and the invoice/estimate/category pickers.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, byUrl, node, useActionSandbox } from './support';

const env = useActionSandbox();
const ctx = (parameters: IDataObject = {}) => env.loadOptions(parameters);
const { loadOptions, listSearch } = node.methods;

describe('load options', () => {
	it('offers the item category names as kinds, sorted', async () => {
		const invoiceKinds = await loadOptions.getInvoiceItemKinds.call(ctx());
		const names = env.store().invoiceItemCategories.all().map((c) => c.name).sort((a, b) => a.localeCompare(b));
		expect(invoiceKinds).toEqual(names.map((name) => ({ name, value: name })));
		const estimateKinds = await loadOptions.getEstimateItemKinds.call(ctx());
		expect(estimateKinds.map((k) => k.value)).toEqual(expect.arrayContaining(['Product', 'Service']));
	});

	it('lists the lines of the picked invoice, whichever way it was picked', async () => {
		const clientId = env.store().clients.all().find((c) => c.is_active)!.id;
		const { items } = await env.run(
			{
				resource: 'invoice',
				operation: 'create',
				clientId: byId(clientId),
				lineItems: { item: [{ kind: 'Service', description: 'Design work for the spring campaign', quantity: 3, unit_price: 120 }] },
				additionalFields: { currency: 'USD' },
			},
		);
		const invoice = items[0].json;
		const line = (invoice.line_items as IDataObject[])[0];
		const expected = { results: [{ name: 'Service · Design work for the spring campaign · 3 × $120.00', value: String(line.id) }] };
		const lines = (invoiceId: IDataObject, filter?: string) => listSearch.searchInvoiceLineItems.call(ctx({ invoiceId }), filter);
		expect(await lines(byId(invoice.id as number))).toEqual(expected);
		const url = byUrl(`https://sandbox-agency.harvestapp.com/invoices/${invoice.id}`);
		expect(await lines(url)).toEqual(expected);
		expect(await lines(byId(invoice.id as number), 'SPRING')).toEqual(expected);
		expect(await lines(byId(invoice.id as number), 'autumn')).toEqual({ results: [] });
		expect(await lines(byId(''))).toEqual({ results: [] });
		expect(await lines(byId('={{ $json.id }}'))).toEqual({ results: [] });
	});

	it('lists the lines of the picked estimate', async () => {
		const estimate = env.store().estimates.all()[0];
		const { results } = await listSearch.searchEstimateLineItems.call(ctx({ estimateId: byId(estimate.id) }));
		expect(results.map((o) => o.value)).toEqual(estimate.line_items.map((l) => String(l.id)));
	});

	it('lists the active projects of the picked client only', async () => {
		const store = env.store();
		const client = store.clients.all().find((c) => store.projects.some((p) => p.client_id === c.id && p.is_active))!;
		const options = await loadOptions.getClientProjects.call(ctx({ clientId: byId(client.id) }));
		const ids = store.projects.filter((p) => p.client_id === client.id && p.is_active).map((p) => p.id);
		expect(options.map((o) => o.value).sort()).toEqual(ids.sort());
		expect(await loadOptions.getClientProjects.call(ctx({ clientId: byId('') }))).toEqual([]);
	});
});

describe('pickers', () => {
	it('labels invoices and estimates by number, client and amount, with their web-app links', async () => {
		const invoices = await listSearch.searchInvoices.call(ctx());
		const first = env.store().invoices.sorted()[0];
		const label = invoices.results.find((r) => r.value === String(first.id))!;
		expect(label.name).toMatch(new RegExp(`^#${first.number} · .+ · .*\\d\\.\\d{2}$`));
		expect(label.url).toBe(`https://sandbox-agency.harvestapp.com/invoices/${first.id}`);
		const estimate = env.store().estimates.sorted()[0];
		const estimates = await listSearch.searchEstimates.call(ctx(), `#${estimate.number} `);
		expect(estimates.results.map((r) => r.value)).toEqual([String(estimate.id)]);
	});

	it('lists item categories by name', async () => {
		const categories = await listSearch.searchInvoiceItemCategories.call(ctx(), 'serv');
		expect(categories.results.map((r) => r.name)).toEqual(['Service']);
		const estimateCategories = await listSearch.searchEstimateItemCategories.call(ctx());
		expect(estimateCategories.results.map((r) => r.name)).toEqual(expect.arrayContaining(['Product', 'Service']));
	});
});
