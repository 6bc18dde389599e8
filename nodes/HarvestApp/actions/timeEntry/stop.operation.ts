import { actionOperation } from '../../helpers/operations';

export const { description, execute } = actionOperation(
	{ resource: 'timeEntry', operation: 'stop' },
	'PATCH /time_entries/{timeEntryId}/stop',
);
