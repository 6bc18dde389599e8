import { deleteOperation } from '../../helpers/operations';

export const { description, execute } = deleteOperation({ resource: 'estimate', operation: 'delete' }, 'DELETE /estimates/{estimateId}');
