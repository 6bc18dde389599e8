import { actionOperation } from '../../helpers/operations';

export const { description, execute } = actionOperation(
	{ resource: 'timeEntry', operation: 'deleteExternalReference' },
	'DELETE /time_entries/{timeEntryId}/external_reference',
);
