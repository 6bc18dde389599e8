import { reportOperation } from './shared';

export const { description, execute } = reportOperation('uninvoiced', 'GET /reports/uninvoiced');
