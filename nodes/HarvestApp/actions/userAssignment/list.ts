import type { IExecuteFunctions } from 'n8n-workflow';
import type { EndpointKey } from '../../../shared/catalogue';

import { readFilters } from '../../helpers/body';
import type { HarvestOperation, OperationTarget } from '../../helpers/interfaces';
import { describeOperation, readList } from '../../helpers/operations';
import { returnAllOrLimit } from '../../../shared/descriptions/limit';
import { filterSpecs, filtersCollection } from '../../descriptions/list';
import { locator } from '../../../shared/descriptions/locators';
import { isEmpty, locatorValue } from '../../helpers/validation';

/**
 * Harvest lists assignments across all projects or for one project, with the same filters. One Get Many with
 * an optional Project picker covers both: empty asks the account-wide list.
 */
export function assignmentListOperation(
	target: OperationTarget,
	keys: { all: EndpointKey; project: EndpointKey },
	noun: string,
): HarvestOperation {
	const specs = filterSpecs(keys.project);
	return {
		description: describeOperation(target, [
			locator('project', {
				name: 'projectId',
				required: false,
				description: `Project whose ${noun} to list; leave empty for the ${noun} of every project`,
			}),
			...returnAllOrLimit(),
			...filtersCollection(keys.project),
		]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const project = locatorValue(this.getNodeParameter('projectId', itemIndex, ''));
			const qs = readFilters.call(this, itemIndex, specs);
			return await readList.call(this, itemIndex, isEmpty(project) ? keys.all : keys.project, qs);
		},
	};
}
