import { reportOperation } from './shared';

export const { description, execute } = reportOperation('projectBudget', 'GET /reports/project_budget');
