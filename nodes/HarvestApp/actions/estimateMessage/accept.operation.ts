import { eventOperation } from '../invoiceMessage/shared';

export const { description, execute } = eventOperation({ resource: 'estimateMessage', operation: 'accept' }, 'POST /estimates/{estimateId}/messages', 'accept');
