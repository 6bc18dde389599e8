import { sendOperation } from '../invoiceMessage/shared';

export const { description, execute } = sendOperation({ resource: 'estimateMessage', operation: 'send' }, 'POST /estimates/{estimateId}/messages', {
	copyIsEnough: false,
});
