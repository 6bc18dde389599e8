import { created, emptyOk, listOf, must, ok } from '../context';
import { unprocessable } from '../errors';
import { assign } from '../fields';
import { boolEq, updatedSince } from '../filters';
import { presentEstimateItemCategory, presentExpenseCategory, presentInvoiceItemCategory } from '../present';
import type { Router } from '../router';
import { nonNegative, unique } from './helpers';

/** Expense categories, invoice item categories and estimate item categories. */
export function registerCategories(r: Router): void {
	r.get('/expense_categories', (ctx) =>
		listOf(ctx, ctx.store.expenseCategories, {
			key: 'expense_categories', kind: 'cursor', present: presentExpenseCategory,
			filters: [boolEq(ctx.query, 'is_active', (c) => c.is_active), updatedSince(ctx.query)],
		}),
	);

	r.post('/expense_categories', ({ store, body, pc }) => {
		const name = body.requireStr('name');
		unique(store.expenseCategories, name, (c) => c.name);
		const unitPrice = body.num('unit_price') ?? null;
		nonNegative(unitPrice, 'Unit price');
		const row = store.create(store.expenseCategories, {
			name, unit_name: body.str('unit_name') ?? null, unit_price: unitPrice, is_active: body.bool('is_active') ?? true,
		});
		return created(presentExpenseCategory(pc, row));
	});

	r.get('/expense_categories/{expenseCategoryId}', ({ store, params, pc }) =>
		ok(presentExpenseCategory(pc, must(store.expenseCategories, params.expenseCategoryId))),
	);

	r.patch('/expense_categories/{expenseCategoryId}', ({ store, params, body, pc }) => {
		const row = must(store.expenseCategories, params.expenseCategoryId);
		const name = body.has('name') ? body.requireStr('name') : undefined;
		if (name !== undefined) unique(store.expenseCategories, name, (c) => c.name, 'Name', row.id);
		const unitPrice = body.num('unit_price');
		nonNegative(unitPrice, 'Unit price');
		const isActive = body.bool('is_active');
		const updates = { name, unit_name: body.str('unit_name'), unit_price: unitPrice, is_active: isActive ?? undefined };
		store.touch(store.expenseCategories, row, (c) => assign(c, updates));
		return ok(presentExpenseCategory(pc, row));
	});

	r.delete('/expense_categories/{expenseCategoryId}', ({ store, params }) => {
		const row = must(store.expenseCategories, params.expenseCategoryId);
		if (store.expenses.some((e) => e.expense_category_id === row.id)) {
			throw unprocessable('This expense category has expenses associated with it and cannot be deleted. Archive it instead.');
		}
		store.expenseCategories.delete(row.id);
		return emptyOk();
	});

	r.get('/invoice_item_categories', (ctx) =>
		listOf(ctx, ctx.store.invoiceItemCategories, {
			key: 'invoice_item_categories', kind: 'cursor',
			present: presentInvoiceItemCategory, filters: [updatedSince(ctx.query)],
		}),
	);

	r.post('/invoice_item_categories', ({ store, body, pc }) => {
		const name = body.requireStr('name');
		unique(store.invoiceItemCategories, name, (c) => c.name);
		const row = store.create(store.invoiceItemCategories, { name, use_as_service: false, use_as_expense: false });
		return created(presentInvoiceItemCategory(pc, row));
	});

	r.get('/invoice_item_categories/{invoiceItemCategoryId}', ({ store, params, pc }) =>
		ok(presentInvoiceItemCategory(pc, must(store.invoiceItemCategories, params.invoiceItemCategoryId))),
	);

	r.patch('/invoice_item_categories/{invoiceItemCategoryId}', ({ store, params, body, pc }) => {
		const row = must(store.invoiceItemCategories, params.invoiceItemCategoryId);
		const name = body.has('name') ? body.requireStr('name') : undefined;
		if (name !== undefined) unique(store.invoiceItemCategories, name, (c) => c.name, 'Name', row.id);
		store.touch(store.invoiceItemCategories, row, (c) => assign(c, { name }));
		return ok(presentInvoiceItemCategory(pc, row));
	});

	r.delete('/invoice_item_categories/{invoiceItemCategoryId}', ({ store, params }) => {
		const row = must(store.invoiceItemCategories, params.invoiceItemCategoryId);
		if (row.use_as_service || row.use_as_expense) {
			throw unprocessable('This invoice item category is used for services or expenses and cannot be deleted.');
		}
		store.invoiceItemCategories.delete(row.id);
		return emptyOk();
	});

	r.get('/estimate_item_categories', (ctx) =>
		listOf(ctx, ctx.store.estimateItemCategories, {
			key: 'estimate_item_categories', kind: 'cursor',
			present: presentEstimateItemCategory, filters: [updatedSince(ctx.query)],
		}),
	);

	r.post('/estimate_item_categories', ({ store, body, pc }) => {
		const name = body.requireStr('name');
		unique(store.estimateItemCategories, name, (c) => c.name);
		const row = store.create(store.estimateItemCategories, { name });
		return created(presentEstimateItemCategory(pc, row));
	});

	r.get('/estimate_item_categories/{estimateItemCategoryId}', ({ store, params, pc }) =>
		ok(presentEstimateItemCategory(pc, must(store.estimateItemCategories, params.estimateItemCategoryId))),
	);

	r.patch('/estimate_item_categories/{estimateItemCategoryId}', ({ store, params, body, pc }) => {
		const row = must(store.estimateItemCategories, params.estimateItemCategoryId);
		const name = body.has('name') ? body.requireStr('name') : undefined;
		if (name !== undefined) unique(store.estimateItemCategories, name, (c) => c.name, 'Name', row.id);
		store.touch(store.estimateItemCategories, row, (c) => assign(c, { name }));
		return ok(presentEstimateItemCategory(pc, row));
	});

	r.delete('/estimate_item_categories/{estimateItemCategoryId}', ({ store, params }) => {
		must(store.estimateItemCategories, params.estimateItemCategoryId);
		store.estimateItemCategories.delete(params.estimateItemCategoryId);
		return emptyOk();
	});
}
