import { eventOperation } from '../invoiceMessage/shared';

export const { description, execute } = eventOperation({ resource: 'estimateMessage', operation: 'reopen' }, 'POST /estimates/{estimateId}/messages', 're-open');
