import { reportOperation } from './shared';

export const { description, execute } = reportOperation('expensesByCategory', 'GET /reports/expenses/categories');
