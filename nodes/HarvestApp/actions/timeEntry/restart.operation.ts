import { actionOperation } from '../../helpers/operations';

export const { description, execute } = actionOperation(
	{ resource: 'timeEntry', operation: 'restart' },
	'PATCH /time_entries/{timeEntryId}/restart',
);
