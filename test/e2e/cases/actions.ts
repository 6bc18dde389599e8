// The action workflows' expectations live next to their fixtures (test/e2e/workflows/*.expect.ts).
import type { E2EContext } from '../context';
import type { Case } from '../harness';
import client from '../workflows/rt-client.expect';
import company from '../workflows/rt-company.expect';
import contact from '../workflows/rt-contact.expect';
import customCalls from '../workflows/custom-calls.expect';
import downloads from '../workflows/downloads.expect';
import estimateMessages from '../workflows/estimate-messages.expect';
import invoiceFromTime from '../workflows/invoice-from-time.expect';
import invoicePayments from '../workflows/invoice-payments.expect';
import lifecycle from '../workflows/lifecycle.expect';
import receipt from '../workflows/receipt.expect';
import reports from '../workflows/reports.expect';
import estimateItemCategory from '../workflows/rt-estimate-item-category.expect';
import estimate from '../workflows/rt-estimate.expect';
import expenseCategory from '../workflows/rt-expense-category.expect';
import expense from '../workflows/rt-expense.expect';
import invoiceItemCategory from '../workflows/rt-invoice-item-category.expect';
import invoice from '../workflows/rt-invoice.expect';
import project from '../workflows/rt-project.expect';
import rates from '../workflows/rt-rates.expect';
import role from '../workflows/rt-role.expect';
import taskAssignment from '../workflows/rt-task-assignment.expect';
import task from '../workflows/rt-task.expect';
import timeEntry from '../workflows/rt-time-entry.expect';
import userAssignment from '../workflows/rt-user-assignment.expect';
import user from '../workflows/rt-user.expect';
import upserts from '../workflows/upserts.expect';

export const actionCases: Array<Case<E2EContext>> = [
	client,
	contact,
	project,
	task,
	taskAssignment,
	userAssignment,
	user,
	role,
	timeEntry,
	expense,
	expenseCategory,
	estimate,
	estimateItemCategory,
	invoice,
	invoiceItemCategory,
	company,
	rates,
	receipt,
	downloads,
	invoicePayments,
	estimateMessages,
	lifecycle,
	upserts,
	customCalls,
	// Reports before invoicing tracked time: that changes the uninvoiced figures.
	reports,
	invoiceFromTime,
];
