import { createOperation } from '../../helpers/operations';

export const { description, execute } = createOperation({ resource: 'project', operation: 'create' }, 'POST /projects');
