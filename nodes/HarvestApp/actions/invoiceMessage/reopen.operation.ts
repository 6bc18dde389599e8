import { eventOperation } from './shared';

export const { description, execute } = eventOperation({ resource: 'invoiceMessage', operation: 'reopen' }, 'POST /invoices/{invoiceId}/messages', 're-open');
