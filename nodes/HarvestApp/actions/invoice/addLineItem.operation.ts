import { addLineItemOperation } from './lineItems';
import { INVOICE_DOCUMENT } from './shared';

export const { description, execute } = addLineItemOperation(INVOICE_DOCUMENT);
