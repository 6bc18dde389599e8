import { eventOperation } from './shared';

export const { description, execute } = eventOperation({ resource: 'invoiceMessage', operation: 'markAsDraft' }, 'POST /invoices/{invoiceId}/messages', 'draft');
