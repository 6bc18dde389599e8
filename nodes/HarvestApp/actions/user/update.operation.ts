import { updateOperation } from '../../helpers/operations';

export const { description, execute } = updateOperation({ resource: 'user', operation: 'update' }, 'PATCH /users/{userId}');
