/**
 * Invoice and estimate item categories against the sandbox: create → get → update → list → delete, Harvest's
 * protected categories, and input checks that send nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, fromList, useActionSandbox } from './support';

const env = useActionSandbox();
const { exec, one } = env;

describe.each([
	['invoiceItemCategory', 'invoiceItemCategoryId', 'invoice_item_categories'],
	['estimateItemCategory', 'estimateItemCategoryId', 'estimate_item_categories'],
] as const)('%s', (resource, idParameter, path) => {
	it('round-trips create → get → update → list → delete', async () => {
		const created = await one({ resource, operation: 'create', name: 'Hosting' });
		expect(created).toMatchObject({ name: 'Hosting' });
		const id = created.id as number;
		expect(await one({ resource, operation: 'get', [idParameter]: fromList(id) })).toMatchObject({ id, name: 'Hosting' });
		expect(await one({ resource, operation: 'update', [idParameter]: byId(id), updateFields: { name: 'Cloud Hosting' } })).toMatchObject({
			id,
			name: 'Cloud Hosting',
		});
		const all = await exec({ resource, operation: 'getAll', returnAll: true, filters: {} });
		expect(all.map((c) => c.name)).toEqual(expect.arrayContaining(['Cloud Hosting', 'Service', 'Product']));
		const recent = await exec({ resource, operation: 'getAll', returnAll: true, filters: { updated_since: env.sandbox.now().toISOString().slice(0, 10) } });
		expect(recent.map((c) => c.id)).toContain(id);
		expect(await exec({ resource, operation: 'delete', [idParameter]: byId(id) })).toEqual([{ deleted: true }]);
		expect(env.received()).toContain(`DELETE /v2/${path}/${id}`);
	});

	it('refuses bad input without a request', async () => {
		for (const [parameters, message] of [
			[{ resource, operation: 'create', name: '' }, 'The parameter "Name" is required [item 0]'],
			[{ resource, operation: 'get', [idParameter]: byId('one') }, `must be a positive whole number, not "one" [item 0]`],
			[{ resource, operation: 'update', [idParameter]: byId(3), updateFields: {} }, 'The parameter "Update Fields" needs at least one field [item 0]'],
		] as Array<[IDataObject, string]>) {
			const { error, sent } = await env.refusal(parameters);
			expect(error.message).toContain(message);
			expect(sent).toEqual([]);
		}
		expect(env.received()).toEqual([]);
	});
});

it('passes Harvest’s refusal to delete the category used for imported time on', async () => {
	const service = env.store().invoiceItemCategories.all().find((c) => c.use_as_service)!;
	const { error } = await env.refusal(
		{ resource: 'invoiceItemCategory', operation: 'delete', invoiceItemCategoryId: byId(service.id) },
	);
	expect(error.message).toMatch(/422|cannot be deleted/i);
	expect(env.store().invoiceItemCategories.get(service.id)).toBeDefined();
});
