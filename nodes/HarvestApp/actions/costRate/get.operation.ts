import { rateOperation } from '../billableRate/rates';

export const { description, execute } = rateOperation('costRate', 'cost', 'get');
