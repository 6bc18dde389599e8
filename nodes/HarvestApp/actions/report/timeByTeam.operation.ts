import { reportOperation } from './shared';

export const { description, execute } = reportOperation('timeByTeam', 'GET /reports/time/team');
