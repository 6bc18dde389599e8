import { removeLineItemOperation } from './lineItems';
import { INVOICE_DOCUMENT } from './shared';

export const { description, execute } = removeLineItemOperation(INVOICE_DOCUMENT);
