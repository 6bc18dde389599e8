import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation(
	{ resource: 'timeEntry', operation: 'delete' },
	'DELETE /time_entries/{timeEntryId}',
);
