import { getOperation } from '../../helpers/operations';

export const { description, execute } = getOperation({ resource: 'contact', operation: 'get' }, 'GET /contacts/{contactId}');
