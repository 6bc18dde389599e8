import { updateLineItemOperation } from './lineItems';
import { INVOICE_DOCUMENT } from './shared';

export const { description, execute } = updateLineItemOperation(INVOICE_DOCUMENT);
