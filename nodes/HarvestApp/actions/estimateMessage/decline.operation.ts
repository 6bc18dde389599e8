import { eventOperation } from '../invoiceMessage/shared';

export const { description, execute } = eventOperation({ resource: 'estimateMessage', operation: 'decline' }, 'POST /estimates/{estimateId}/messages', 'decline');
