import { reportOperation } from './shared';

export const { description, execute } = reportOperation('timeByClient', 'GET /reports/time/clients');
