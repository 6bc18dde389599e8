import { getManyOperation } from '../../helpers/operations';

export const { description, execute } = getManyOperation({ resource: 'timeEntry', operation: 'getAll' }, 'GET /time_entries');
