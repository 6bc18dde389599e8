import { eventOperation } from './shared';

export const { description, execute } = eventOperation({ resource: 'invoiceMessage', operation: 'markAsSent' }, 'POST /invoices/{invoiceId}/messages', 'send');
