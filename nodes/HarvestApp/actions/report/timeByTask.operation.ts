import { reportOperation } from './shared';

export const { description, execute } = reportOperation('timeByTask', 'GET /reports/time/tasks');
