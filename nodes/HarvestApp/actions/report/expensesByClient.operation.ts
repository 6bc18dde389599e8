import { reportOperation } from './shared';

export const { description, execute } = reportOperation('expensesByClient', 'GET /reports/expenses/clients');
