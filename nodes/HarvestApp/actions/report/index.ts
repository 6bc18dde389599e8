import { defineResource } from '../../helpers/resource';
import * as expensesByCategory from './expensesByCategory.operation';
import * as expensesByClient from './expensesByClient.operation';
import * as expensesByProject from './expensesByProject.operation';
import * as expensesByTeam from './expensesByTeam.operation';
import * as projectBudget from './projectBudget.operation';
import * as timeByClient from './timeByClient.operation';
import * as timeByProject from './timeByProject.operation';
import * as timeByTask from './timeByTask.operation';
import * as timeByTeam from './timeByTeam.operation';
import * as uninvoiced from './uninvoiced.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{
				name: 'Expenses by Category',
				value: 'expensesByCategory',
				action: 'Get the expense report by category',
				description: 'Expense totals per expense category over a period',
			},
			{
				name: 'Expenses by Client',
				value: 'expensesByClient',
				action: 'Get the expense report by client',
				description: 'Expense totals per client over a period',
			},
			{
				name: 'Expenses by Project',
				value: 'expensesByProject',
				action: 'Get the expense report by project',
				description: 'Expense totals per project over a period',
			},
			{
				name: 'Expenses by Team Member',
				value: 'expensesByTeam',
				action: 'Get the expense report by team member',
				description: 'Expense totals per person over a period',
			},
			{
				name: 'Project Budget',
				value: 'projectBudget',
				action: 'Get the project budget report',
				description: 'Budget, spent and remaining per project',
			},
			{
				name: 'Time by Client',
				value: 'timeByClient',
				action: 'Get the time report by client',
				description: 'Hours and billable amounts per client over a period',
			},
			{
				name: 'Time by Project',
				value: 'timeByProject',
				action: 'Get the time report by project',
				description: 'Hours and billable amounts per project over a period',
			},
			{
				name: 'Time by Task',
				value: 'timeByTask',
				action: 'Get the time report by task',
				description: 'Hours and billable amounts per task over a period',
			},
			{
				name: 'Time by Team Member',
				value: 'timeByTeam',
				action: 'Get the time report by team member',
				description: 'Hours and billable amounts per person over a period',
			},
			{
				name: 'Uninvoiced',
				value: 'uninvoiced',
				action: 'Get the uninvoiced report',
				description: 'Billable time and expenses not yet invoiced, per project, over a period',
			},
		],
		default: 'timeByProject',
	},
	{
		expensesByCategory,
		expensesByClient,
		expensesByProject,
		expensesByTeam,
		projectBudget,
		timeByClient,
		timeByProject,
		timeByTask,
		timeByTeam,
		uninvoiced,
	},
);
