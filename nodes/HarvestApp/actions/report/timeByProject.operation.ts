import { reportOperation } from './shared';

export const { description, execute } = reportOperation('timeByProject', 'GET /reports/time/projects');
