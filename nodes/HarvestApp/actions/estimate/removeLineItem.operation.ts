import { removeLineItemOperation } from '../invoice/lineItems';
import { ESTIMATE_DOCUMENT } from './shared';

export const { description, execute } = removeLineItemOperation(ESTIMATE_DOCUMENT);
