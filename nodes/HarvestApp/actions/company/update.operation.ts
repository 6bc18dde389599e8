import { updateOperation } from '../../helpers/operations';

// Harvest lets the API change only these two company settings.
export const { description, execute } = updateOperation({ resource: 'company', operation: 'update' }, 'PATCH /company');
