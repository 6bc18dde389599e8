import { createOperation } from '../../helpers/operations';

export const { description, execute } = createOperation({ resource: 'contact', operation: 'create' }, 'POST /contacts');
