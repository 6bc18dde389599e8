import { eventOperation } from '../invoiceMessage/shared';

export const { description, execute } = eventOperation({ resource: 'estimateMessage', operation: 'markAsSent' }, 'POST /estimates/{estimateId}/messages', 'send');
