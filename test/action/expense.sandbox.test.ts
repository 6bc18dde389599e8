/**
 * Expenses and expense categories against the sandbox: round trips, receipts uploaded from an input binary
 * property as multipart/form-data (the sandbox parses it and keeps name, size, type and bytes), receipt
 * delete, Harvest's silent drop on locked expenses, and input checks that send nothing.
 */
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { byId, node, useActionSandbox } from './support';

const env = useActionSandbox();

let projectId: number;
let otherProjectId: number;
let categoryId: number;

beforeAll(() => {
	const store = env.store();
	// Projects "me" may log expenses on, and a category priced per expense (not per unit).
	const mine = store.userAssignments
		.all()
		.filter((ua) => ua.user_id === store.meId && ua.is_active && store.projects.get(ua.project_id)?.is_active)
		.map((ua) => ua.project_id);
	[projectId, otherProjectId] = mine;
	categoryId = store.expenseCategories.all().find((c) => c.is_active && c.unit_price === null)!.id;
});

const exec = async (parameters: IDataObject, items?: INodeExecutionData[]) =>
	(await env.run(parameters, { items })).items.map((i) => i.json);
const one = async (parameters: IDataObject, items?: INodeExecutionData[]) => (await exec(parameters, items))[0];

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const PDF = Buffer.from('%PDF-1.4\n% taxi receipt\n%%EOF\n');
const withFile = (name: string, data: Buffer, mimeType: string, fileName: string): INodeExecutionData[] => [
	{ json: {}, binary: { [name]: { data: data.toString('base64'), mimeType, fileName } } },
];

const expense = (extra: IDataObject = {}) => ({
	resource: 'expense',
	operation: 'create',
	projectId: byId(projectId),
	expenseCategoryId: byId(categoryId),
	spentDate: '2025-04-02T00:00:00',
	additionalFields: { total_cost: 12.5, notes: 'Taxi to the client', billable: false },
	...extra,
});

describe('expense (sandbox)', () => {
	it('round-trips create → get → update → list → delete', async () => {
		const created = await one(expense());
		expect(created).toMatchObject({
			spent_date: '2025-04-02',
			total_cost: 12.5,
			notes: 'Taxi to the client',
			billable: false,
			receipt: null,
			project: { id: projectId },
			expense_category: { id: categoryId },
		});
		const id = created.id as number;
		expect(await one({ resource: 'expense', operation: 'get', expenseId: byId(id) })).toMatchObject({ id });
		const updated = await one({ resource: 'expense', operation: 'update', expenseId: byId(id), updateFields: { total_cost: 14, notes: 'Taxi, with tip' } });
		expect(updated).toMatchObject({ id, total_cost: 14, notes: 'Taxi, with tip' });
		const listed = await exec({
			resource: 'expense',
			operation: 'getAll',
			returnAll: true,
			filters: { project_id: byId(projectId), from: '2025-04-02', to: '2025-04-02', is_billed: false },
		});
		expect(listed.map((e) => e.id)).toContain(id);
		expect(listed.every((e) => e.spent_date === '2025-04-02')).toBe(true);
		expect(await exec({ resource: 'expense', operation: 'delete', expenseId: byId(id) })).toEqual([{ deleted: true }]);
		expect(env.store().expenses.get(id)).toBeUndefined();
	});

	it('uploads a receipt from the input binary property with the other fields as form fields', async () => {
		const created = await one(
			expense({ attachReceipt: true, binaryPropertyName: 'data' }),
			withFile('data', PNG, 'image/png', 'taxi.png'),
		);
		expect(created).toMatchObject({
			total_cost: 12.5,
			billable: false,
			notes: 'Taxi to the client',
			spent_date: '2025-04-02',
			project: { id: projectId },
			receipt: { file_name: 'taxi.png', file_size: PNG.length, content_type: 'image/png' },
		});
		const stored = env.store().expenses.get(created.id as number)!;
		expect(stored.receipt?.data.equals(PNG)).toBe(true);
		expect(stored.billable).toBe(false);
		expect(env.received()).toEqual(['POST /v2/expenses']);
	});

	it('replaces the receipt from another binary property, then deletes it and keeps the expense', async () => {
		const id = (await one(expense({ attachReceipt: true }), withFile('data', PNG, 'image/png', 'first.png'))).id as number;
		const replaced = await one(
			{ resource: 'expense', operation: 'update', expenseId: byId(id), attachReceipt: true, binaryPropertyName: 'scan', updateFields: {} },
			withFile('scan', PDF, 'application/pdf', 'taxi.pdf'),
		);
		expect(replaced.receipt).toMatchObject({ file_name: 'taxi.pdf', file_size: PDF.length, content_type: 'application/pdf' });
		expect(env.store().expenses.get(id)!.receipt?.data.equals(PDF)).toBe(true);
		const cleared = await one({ resource: 'expense', operation: 'deleteReceipt', expenseId: byId(id) });
		expect(cleared).toMatchObject({ id, receipt: null, total_cost: 12.5 });
		expect(env.store().expenses.get(id)!.receipt).toBeNull();
	});

	it('keeps project and category of a locked expense, as Harvest does, while other fields change', async () => {
		const id = (await one(expense())).id as number;
		env.sandbox.mutate({ resource: 'expenses', action: 'update', id, raw: { approval_status: 'approved' } });
		const updated = await one({
			resource: 'expense',
			operation: 'update',
			expenseId: byId(id),
			updateFields: { project_id: byId(otherProjectId), notes: 'Approved already' },
		});
		expect(updated).toMatchObject({ project: { id: projectId }, notes: 'Approved already' });
	});

	it('says in the editor that locked expenses keep their project and category', () => {
		const fields = node.description.properties.find(
			(p) => p.name === 'updateFields' && p.displayOptions?.show?.resource?.includes('expense'),
		)!.options as INodeProperties[];
		for (const name of ['project_id', 'expense_category_id']) {
			expect(fields.find((o) => o.name === name)?.hint).toMatch(/locked expense.*no error/);
		}
	});

	it.each([
		['an impossible date', { spentDate: '2025-02-30' }, /"Date" must be a real date/],
		['a negative total cost', { additionalFields: { total_cost: -3 } }, /"Total Cost" cannot be negative/],
		['a non-numeric project', { projectId: byId('abc') }, /"Project" must be a positive whole number/],
		['a missing receipt file', { attachReceipt: true, binaryPropertyName: 'missing' }, /binary file 'missing'/],
	])('sends nothing for %s', async (_, override, message) => {
		const { error } = await env.refusal(expense(override));
		expect(error.message).toMatch(message);
		expect(env.received()).toEqual([]);
	});

	it('refuses an update without fields or receipt, and a negative expense id, without a request', async () => {
		const empty = await env.refusal({ resource: 'expense', operation: 'update', expenseId: byId(1), updateFields: {} });
		expect(empty.error.message).toBe('The parameter "Update Fields" needs at least one field (or Attach Receipt) [item 0]');
		const negative = await env.refusal({ resource: 'expense', operation: 'deleteReceipt', expenseId: byId('-4') });
		expect(negative.error.message).toMatch(/"Expense" must be a positive whole number/);
		expect(env.received()).toEqual([]);
	});

	it('continues on fail and pairs every record with its item', async () => {
		const { items } = await env.run(
			(i) =>
				i === 0
					? { resource: 'expense', operation: 'get', expenseId: byId(999999999) }
					: { resource: 'expense', operation: 'getAll', returnAll: false, limit: 2, filters: {} },
			{ continueOnFail: true, items: [{ json: {} }, { json: {} }] },
		);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
		expect(String(items[0].json.error)).toMatch(/404|not found/i);
		expect(items[1].json.id).toEqual(expect.any(Number));
		expect(JSON.stringify(items)).not.toContain(env.sandbox.token);
	});
});

describe('expense category (sandbox)', () => {
	it('round-trips create → get → update → archive → list → activate → delete', async () => {
		const created = await one({
			resource: 'expenseCategory',
			operation: 'create',
			name: 'Bike Courier (test)',
			additionalFields: { unit_name: 'Kilometer', unit_price: 0.3 },
		});
		expect(created).toMatchObject({ name: 'Bike Courier (test)', unit_name: 'Kilometer', unit_price: 0.3, is_active: true });
		const id = created.id as number;
		expect(await one({ resource: 'expenseCategory', operation: 'get', expenseCategoryId: byId(id) })).toMatchObject({ id });
		const renamed = await one({ resource: 'expenseCategory', operation: 'update', expenseCategoryId: byId(id), updateFields: { name: 'Bike Courier' } });
		expect(renamed).toMatchObject({ id, name: 'Bike Courier' });
		expect(await one({ resource: 'expenseCategory', operation: 'archive', expenseCategoryId: byId(id) })).toMatchObject({ is_active: false });
		const archived = await exec({ resource: 'expenseCategory', operation: 'getAll', returnAll: true, filters: { is_active: false } });
		expect(archived.map((c) => c.id)).toContain(id);
		expect(archived.every((c) => c.is_active === false)).toBe(true);
		expect(await one({ resource: 'expenseCategory', operation: 'activate', expenseCategoryId: byId(id) })).toMatchObject({ is_active: true });
		expect(await exec({ resource: 'expenseCategory', operation: 'delete', expenseCategoryId: byId(id) })).toEqual([{ deleted: true }]);
	});

	it('sends nothing for a negative unit price', async () => {
		const { error } = await env.refusal(
			{ resource: 'expenseCategory', operation: 'create', name: 'X', additionalFields: { unit_price: -1 } },
		);
		expect(error.message).toBe('The parameter "Unit Price" cannot be negative (-1) [item 0]');
		expect(env.received()).toEqual([]);
	});
});
