import { sendOperation } from './shared';

export const { description, execute } = sendOperation({ resource: 'invoiceMessage', operation: 'send' }, 'POST /invoices/{invoiceId}/messages', {
	copyIsEnough: true,
});
