import { updateLineItemOperation } from '../invoice/lineItems';
import { ESTIMATE_DOCUMENT } from './shared';

export const { description, execute } = updateLineItemOperation(ESTIMATE_DOCUMENT);
