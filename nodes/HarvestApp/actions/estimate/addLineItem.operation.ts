import { addLineItemOperation } from '../invoice/lineItems';
import { ESTIMATE_DOCUMENT } from './shared';

export const { description, execute } = addLineItemOperation(ESTIMATE_DOCUMENT);
