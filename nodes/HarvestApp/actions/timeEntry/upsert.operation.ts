import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { upsertOperation } from '../../helpers/upsert';
import { invalid } from '../../helpers/validation';
import { timerModeNotice } from './shared';

/**
 * The external reference's ID identifies the entry (exactly, across the account), so it should name one
 * time record of the other system; the task it belongs to fits Group ID or Permalink.
 */
export const { description, execute } = upsertOperation(
	{ resource: 'timeEntry', operation: 'upsert' },
	{
		search: 'GET /time_entries',
		create: 'POST /time_entries',
		update: 'PATCH /time_entries/{timeEntryId}',
		matchOn: ['externalReference'],
		required: ['external_reference'],
		top: ['external_reference', 'project_id', 'task_id', 'spent_date', 'hours'],
		before: [timerModeNotice],
		// Without either, Harvest would start a running timer, which a sync does not mean.
		checkBody(this: IExecuteFunctions, itemIndex: number, body: IDataObject) {
			if (body.hours === undefined && body.started_time === undefined) {
				invalid(this, itemIndex, 'Hours', 'is required, unless Started Time is given', 'Give the duration in Hours, or Started Time and Ended Time.');
			}
		},
	},
);
