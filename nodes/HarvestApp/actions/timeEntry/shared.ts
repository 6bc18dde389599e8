import type { INodeProperties } from 'n8n-workflow';

import type { HarvestOperation } from '../../helpers/interfaces';
import { createOperation, type BodyOptions } from '../../helpers/operations';

/**
 * Harvest accepts only one way of creating time per account: durations when the company's "Timestamp
 * Timers" setting is off, start and end times when it is on. Saying so up front saves a confusing 422.
 */
export const timerModeNotice: INodeProperties = {
	displayName:
		'Harvest accepts Hours only when your company tracks durations, and Started/Ended Time only when it uses timestamp timers (Company › Get shows "wants_timestamp_timers").',
	name: 'timerModeNotice',
	type: 'notice',
	default: '',
};

const ALWAYS = ['project_id', 'task_id', 'spent_date'];

/** The three ways to create a time entry share one endpoint and differ only in which time fields they take. */
export function createVariant(operation: string, options: BodyOptions): HarvestOperation {
	return createOperation({ resource: 'timeEntry', operation }, 'POST /time_entries', {
		...options,
		top: [...ALWAYS, ...(options.top ?? [])],
		before: [timerModeNotice],
	});
}
