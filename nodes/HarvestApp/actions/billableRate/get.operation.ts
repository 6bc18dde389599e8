import { rateOperation } from './rates';

export const { description, execute } = rateOperation('billableRate', 'billable', 'get');
