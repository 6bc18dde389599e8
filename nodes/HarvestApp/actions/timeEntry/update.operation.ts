import { updateOperation } from '../../helpers/operations';

export const { description, execute } = updateOperation(
	{ resource: 'timeEntry', operation: 'update' },
	'PATCH /time_entries/{timeEntryId}',
);
