import { round2 } from '../calc';
import { type ApiContext, created, emptyOk, listOf, must, ok } from '../context';
import { unprocessable } from '../errors';
import { boolEq, dateRange, idEq, strEq, updatedSince } from '../filters';
import { APPROVAL_STATUSES, type ExpenseCategoryRow, type Receipt } from '../model';
import { presentExpense } from '../present';
import type { Router } from '../router';
import { nonNegative, ref } from './helpers';

const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

/** A receipt arrives as the `receipt` file part of a multipart/form-data body. */
function receiptOf(ctx: ApiContext): Receipt | undefined {
	const file = ctx.files.receipt;
	if (!file) {
		if (ctx.body.has('receipt') && ctx.body.raw.receipt !== null && ctx.body.raw.receipt !== '') {
			throw unprocessable('Receipt must be uploaded as a file in a multipart/form-data request');
		}
		return undefined;
	}
	if (file.data.length > MAX_RECEIPT_BYTES) throw unprocessable('Receipt is too large (10 MB at most)');
	return { file_name: file.fileName, file_size: file.data.length, content_type: file.contentType, data: file.data };
}

/** total_cost comes from units × unit_price for unit-priced categories (e.g. mileage), else it is given. */
function costOf(category: ExpenseCategoryRow, units: number | null | undefined, totalCost: number | null | undefined): { units: number | null; total_cost: number } {
	if (category.unit_price !== null) {
		if (units === undefined || units === null) throw unprocessable("Units can't be blank");
		nonNegative(units, 'Units');
		return { units, total_cost: round2(units * category.unit_price) };
	}
	if (totalCost === undefined || totalCost === null) throw unprocessable("Total cost can't be blank");
	nonNegative(totalCost, 'Total cost');
	return { units: units ?? 1, total_cost: totalCost };
}

export function registerExpenses(r: Router): void {
	r.get('/expenses', (ctx) => {
		const { query: q, store } = ctx;
		const clientId = q.int('client_id');
		return listOf(ctx, store.expenses, {
			key: 'expenses', kind: 'page', present: presentExpense,
			filters: [
				idEq(q, 'user_id', (e) => e.user_id),
				clientId === undefined ? null : (e) => store.projects.get(e.project_id)?.client_id === clientId,
				idEq(q, 'project_id', (e) => e.project_id),
				boolEq(q, 'is_billed', (e) => e.invoice_id !== null),
				strEq(q, 'approval_status', (e) => e.approval_status, APPROVAL_STATUSES),
				updatedSince(q),
				dateRange(q, (e) => e.spent_date),
			],
		});
	});

	r.post('/expenses', (ctx) => {
		const { store, body } = ctx;
		const projectId = body.requireInt('project_id');
		const categoryId = body.requireInt('expense_category_id');
		const spentDate = body.requireDate('spent_date');
		const userId = body.int('user_id') ?? store.meId;
		const project = ref(store.projects, projectId, 'Project');
		const category = ref(store.expenseCategories, categoryId, 'Expense category');
		ref(store.users, userId, 'User');
		if (!project.is_active) throw unprocessable('Expenses cannot be tracked to an archived project');
		if (!category.is_active) throw unprocessable('Expense category is archived');
		if (!store.userAssignmentFor(projectId, userId)) throw unprocessable('User is not assigned to the project');
		const cost = costOf(category, body.num('units'), body.num('total_cost'));
		const row = store.create(store.expenses, {
			project_id: projectId,
			user_id: userId,
			expense_category_id: categoryId,
			spent_date: spentDate,
			...cost,
			notes: body.str('notes') ?? null,
			billable: body.bool('billable') ?? true,
			receipt: receiptOf(ctx) ?? null,
			invoice_id: null,
			approval_status: 'unsubmitted',
		});
		return created(presentExpense(ctx.pc, row));
	});

	r.get('/expenses/{expenseId}', ({ store, params, pc }) => ok(presentExpense(pc, must(store.expenses, params.expenseId))));

	r.patch('/expenses/{expenseId}', (ctx) => {
		const { store, body, params } = ctx;
		const row = must(store.expenses, params.expenseId);
		const locked = row.invoice_id !== null || row.approval_status === 'approved';
		// On a locked expense, project and category changes are silently dropped (documented).
		let projectId = body.has('project_id') ? body.requireInt('project_id') : row.project_id;
		let categoryId = body.has('expense_category_id') ? body.requireInt('expense_category_id') : row.expense_category_id;
		if (locked) {
			projectId = row.project_id;
			categoryId = row.expense_category_id;
		}
		if (projectId !== row.project_id) {
			ref(store.projects, projectId, 'Project');
			if (!store.userAssignmentFor(projectId, row.user_id)) throw unprocessable('User is not assigned to the project');
		}
		const category = ref(store.expenseCategories, categoryId, 'Expense category');
		const spentDate = body.has('spent_date') ? body.requireDate('spent_date') : row.spent_date;
		const unitsIn = body.num('units');
		const totalIn = body.num('total_cost');
		const recost = unitsIn !== undefined || totalIn !== undefined || categoryId !== row.expense_category_id;
		const cost = recost ? costOf(category, unitsIn !== undefined ? unitsIn : row.units, totalIn !== undefined ? totalIn : row.total_cost) : null;
		const receipt = receiptOf(ctx);
		const deleteReceipt = body.bool('delete_receipt') === true;
		const notes = body.str('notes');
		const billable = body.bool('billable');
		store.touch(store.expenses, row, (e) => {
			e.project_id = projectId;
			e.expense_category_id = categoryId;
			e.spent_date = spentDate;
			if (cost) Object.assign(e, cost);
			if (notes !== undefined) e.notes = notes;
			if (typeof billable === 'boolean') e.billable = billable;
			if (deleteReceipt) e.receipt = null;
			if (receipt) e.receipt = receipt;
		});
		return ok(presentExpense(ctx.pc, row));
	});

	r.delete('/expenses/{expenseId}', ({ store, params }) => {
		must(store.expenses, params.expenseId);
		store.expenses.delete(params.expenseId);
		return emptyOk();
	});
}
