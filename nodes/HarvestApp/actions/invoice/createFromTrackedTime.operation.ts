import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { bodyFields, endpoint, EXPENSE_SUMMARY_TYPES, TIME_SUMMARY_TYPES } from '../../../shared/catalogue';
import { harvestRequest } from '../../../shared/transport';

import { fieldsCollection, topFields } from '../../descriptions/fields';
import { readBody } from '../../helpers/body';
import { describeOperation } from '../../helpers/operations';
import { invalid, readBoolean, toIds, toOption, type Check } from '../../helpers/validation';
import { checkDueDate } from './shared';
import { importProperties, readPeriod } from './trackedTime';

// Harvest builds the lines itself (`line_items_import`) from the projects' uninvoiced billable time and expenses.
const KEY = 'POST /invoices';
const specs = bodyFields(KEY).filter((s) => s.name !== 'line_items' && s.name !== 'line_items_import');

export const description = describeOperation({ resource: 'invoice', operation: 'createFromTrackedTime' }, [
	...topFields(specs, ['client_id']),
	...importProperties,
	fieldsCollection('additionalFields', 'Additional Fields', specs.filter((s) => s.name !== 'client_id')),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body = readBody.call(this, itemIndex, specs, { top: ['client_id'], collection: 'additionalFields' });
	checkDueDate.call(this, itemIndex, body);
	const check = (label: string): Check => ({ ctx: this, itemIndex, label });
	const projectIds = toIds(check('Project Names or IDs'), this.getNodeParameter('projectIds', itemIndex, []));
	if (projectIds.length === 0) invalid(this, itemIndex, 'Project Names or IDs', 'needs at least one project');
	const spec: IDataObject = { project_ids: projectIds };
	if (readBoolean.call(this, itemIndex, 'importTime', 'Import Time', true)) {
		const type = toOption(check('Time Summary'), this.getNodeParameter('timeSummaryType', itemIndex), TIME_SUMMARY_TYPES);
		spec.time = { summary_type: type, ...readPeriod.call(this, itemIndex, 'Time') };
	}
	if (readBoolean.call(this, itemIndex, 'importExpenses', 'Import Expenses')) {
		const type = toOption(check('Expense Summary'), this.getNodeParameter('expenseSummaryType', itemIndex), EXPENSE_SUMMARY_TYPES);
		const attach = readBoolean.call(this, itemIndex, 'attachReceipts', 'Attach Receipts');
		spec.expenses = { summary_type: type, ...readPeriod.call(this, itemIndex, 'Expenses'), attach_receipt: attach };
	}
	if (!spec.time && !spec.expenses) {
		invalid(this, itemIndex, 'Import Time', 'or "Import Expenses" must be on', 'Choose what the invoice bills.');
	}
	body.line_items_import = spec;
	return await harvestRequest.call(this, { method: 'POST', path: endpoint(KEY).path, body, itemIndex });
}
