import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { endpoint, type EndpointKey } from '../../../shared/catalogue';

import { readBody } from '../../helpers/body';
import type { HarvestOperation } from '../../helpers/interfaces';
import { describeOperation, readList } from '../../helpers/operations';
import { fieldsCollection } from '../../descriptions/fields';
import { returnAllOrLimit } from '../../../shared/descriptions/limit';
import { filterSpecs } from '../../descriptions/list';
import { checkReportRange, toDate } from '../../helpers/validation';

const limitNotice: INodeProperties = {
	displayName:
		'Harvest allows 100 report requests per 15 minutes per account. When they are used up the node waits for the next window instead of failing.',
	name: 'reportLimitNotice',
	type: 'notice',
	default: '',
};

function dateField(name: 'from' | 'to', displayName: string, description: string): INodeProperties {
	return { displayName, name, type: 'dateTime', required: true, default: '', description };
}

const period = [
	dateField('from', 'From', 'First day of the report'),
	dateField('to', 'To', 'Last day of the report; at most 365 days after From'),
];

/**
 * One report endpoint as one operation: its period (when it has one, checked before any request), Return All
 * or Limit, and its remaining query fields. Project Budget's `is_active` is a filter; `include_fixed_fee`
 * changes the sums, so it sits under Options.
 */
export function reportOperation(operation: string, key: EndpointKey): HarvestOperation {
	const list = endpoint(key).list!;
	const dated = list.requiredFilters?.includes('from') ?? false;
	const specs = filterSpecs(key, { exclude: ['from', 'to'] });
	const [collection, label] = specs.some((s) => s.name === 'is_active') ? ['filters', 'Filters'] : ['options', 'Options'];
	return {
		description: describeOperation({ resource: 'report', operation }, [
			limitNotice,
			...(dated ? period : []),
			...returnAllOrLimit(),
			...(specs.length ? [fieldsCollection(collection, label, specs)] : []),
		]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const qs = readBody.call(this, itemIndex, specs, { top: [], collection });
			if (dated) {
				const from = toDate({ ctx: this, itemIndex, label: 'From' }, this.getNodeParameter('from', itemIndex, ''));
				const to = toDate({ ctx: this, itemIndex, label: 'To' }, this.getNodeParameter('to', itemIndex, ''));
				checkReportRange(this, itemIndex, from, to);
				Object.assign(qs, { from, to });
			}
			return await readList.call(this, itemIndex, key, qs);
		},
	};
}
