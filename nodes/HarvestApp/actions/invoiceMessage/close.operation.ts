import { eventOperation } from './shared';

export const { description, execute } = eventOperation({ resource: 'invoiceMessage', operation: 'close' }, 'POST /invoices/{invoiceId}/messages', 'close');
