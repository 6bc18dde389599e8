import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation(
	{ resource: 'timeEntry', operation: 'get' },
	'GET /time_entries/{timeEntryId}',
);
