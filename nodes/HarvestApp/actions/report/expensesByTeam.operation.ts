import { reportOperation } from './shared';

export const { description, execute } = reportOperation('expensesByTeam', 'GET /reports/expenses/team');
