import { defineResource } from '../../helpers/resource';
import * as createByDuration from './createByDuration.operation';
import * as createByStartEnd from './createByStartEnd.operation';
import * as deleteTimeEntry from './delete.operation';
import * as deleteExternalReference from './deleteExternalReference.operation';
import * as find from './find.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as restart from './restart.operation';
import * as startTimer from './startTimer.operation';
import * as stop from './stop.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const { operations, description } = defineResource(
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['timeEntry'] } },
		options: [
			{
				name: 'Create by Duration',
				value: 'createByDuration',
				action: 'Create a time entry by duration',
				description: 'Log a number of hours (companies that track durations)',
			},
			{
				name: 'Create by Start and End Time',
				value: 'createByStartEnd',
				action: 'Create a time entry by start and end time',
				description: 'Log a start and an end time (companies that use timestamp timers)',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a time entry',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a time entry', description: 'Delete a time entry for good' },
			{
				name: 'Delete External Reference',
				value: 'deleteExternalReference',
				action: 'Delete the external reference of a time entry',
				description: 'Unlink a time entry from the record of another service',
			},
			{ name: 'Find', value: 'find', action: 'Find a time entry', description: 'Look up time entries by external reference; never creates one' },
			{ name: 'Get', value: 'get', action: 'Get a time entry', description: 'Retrieve one time entry' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many time entries', description: 'List time entries, filtered' },
			{ name: 'Restart Timer', value: 'restart', action: 'Restart a time entry timer', description: 'Start a stopped timer again' },
			{
				name: 'Start Timer',
				value: 'startTimer',
				action: 'Start a time entry timer',
				description: 'Create a time entry with a running timer',
			},
			{ name: 'Stop Timer', value: 'stop', action: 'Stop a time entry timer', description: 'Stop a running timer' },
			{ name: 'Update', value: 'update', action: 'Update a time entry', description: 'Change fields of a time entry' },
		],
		default: 'getAll',
	},
	{ createByDuration, createByStartEnd, delete: deleteTimeEntry, deleteExternalReference, find, get, getAll, restart, startTimer, stop, update, upsert },
);
