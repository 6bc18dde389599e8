import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { endpoint, type EndpointKey } from '../../../shared/catalogue';
import { harvestList } from '../../../shared/transport';

import { readBody } from '../../helpers/body';
import type { HarvestOperation } from '../../helpers/interfaces';
import { describeOperation, readList } from '../../helpers/operations';
import { fieldsCollection } from '../../descriptions/fields';
import { returnAllOrLimit } from '../../../shared/descriptions/limit';
import { filterSpecs } from '../../descriptions/list';
import { checkReportRange, readLimit, toDate, toOption } from '../../helpers/validation';
import { mergeSliceRows, reportSlices } from './slices';

const limitNotice: INodeProperties = {
	displayName:
		'Harvest allows 100 report requests per 15 minutes per account; each 365-day slice of a longer period is one. When they are used up the node waits for the next window instead of failing.',
	name: 'reportLimitNotice',
	type: 'notice',
	default: '',
};

function dateField(name: 'from' | 'to', displayName: string, description: string): INodeProperties {
	return { displayName, name, type: 'dateTime', required: true, default: '', description };
}

const period: INodeProperties[] = [
	dateField('from', 'From', 'First day of the report'),
	dateField('to', 'To', 'Last day of the report; a longer period than 365 days is read in slices of 365 days'),
	{
		displayName: 'Periods Over 365 Days',
		name: 'longPeriod',
		type: 'options',
		options: [
			{ name: 'Add Up Each Row', value: 'merge', description: 'One row per record and currency, its figures summed over the slices' },
			{ name: 'One Row per Slice', value: 'perSlice', description: 'The rows of each slice, with the slice’s from and to' },
		],
		default: 'merge',
	},
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
			if (!dated) return await readList.call(this, itemIndex, key, qs);
			const from = toDate({ ctx: this, itemIndex, label: 'From' }, this.getNodeParameter('from', itemIndex, ''));
			const to = toDate({ ctx: this, itemIndex, label: 'To' }, this.getNodeParameter('to', itemIndex, ''));
			checkReportRange(this, itemIndex, from, to);
			const how = toOption({ ctx: this, itemIndex, label: 'Periods Over 365 Days' }, this.getNodeParameter('longPeriod', itemIndex, 'merge'), ['merge', 'perSlice']);
			const slices = reportSlices(from, to);
			if (slices.length === 1) return await readList.call(this, itemIndex, key, { ...qs, from, to });
			// Each slice is a request of its own, counted against the reports budget like any other.
			const limit = readLimit.call(this, itemIndex);
			const rows: IDataObject[][] = [];
			for (const slice of slices) {
				const records = await harvestList.call(this, { path: endpoint(key).path, listKey: list.key, qs: { ...qs, ...slice }, itemIndex });
				rows.push(how === 'perSlice' ? records.map((row) => ({ ...row, ...slice })) : records);
			}
			const out = how === 'perSlice' ? rows.flat() : mergeSliceRows(rows, endpoint(key).reportRows!);
			return limit ? out.slice(0, limit) : out;
		},
	};
}
