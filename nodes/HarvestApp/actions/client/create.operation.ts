import { createOperation } from '../../helpers/operations';

export const { description, execute } = createOperation({ resource: 'client', operation: 'create' }, 'POST /clients');
