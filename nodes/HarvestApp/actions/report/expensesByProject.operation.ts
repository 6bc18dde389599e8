import { reportOperation } from './shared';

export const { description, execute } = reportOperation('expensesByProject', 'GET /reports/expenses/projects');
