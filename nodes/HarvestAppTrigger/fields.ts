import type { INodePropertyOptions } from 'n8n-workflow';

import { APPROVAL_STATUSES, ESTIMATE_STATES, INVOICE_STATES } from '../shared/catalogue';
import type { FieldSpec } from './poller/fieldChanges';

/**
 * The fields "Field Changed" can watch, per resource: the ones people automate on (an invoice paid, an estimate
 * accepted, a timesheet approved or billed, a project archived). `initial` is the value Harvest gives a new
 * record (see poller/fieldChanges.ts).
 */
interface WatchableField extends FieldSpec {
	label: string;
}

const enumField = (name: string, label: string, values: readonly string[]): WatchableField => ({
	name,
	label,
	kind: 'enum',
	values,
	initial: 'draft',
});
const timeField = (name: string, label: string): WatchableField => ({ name, label, kind: 'time', initial: null });
const flag = (name: string, label: string, initial: boolean): WatchableField => ({ name, label, kind: 'boolean', initial });
const active = flag('is_active', 'Active', true);
const approval = (): WatchableField => ({ ...enumField('approval_status', 'Approval Status', APPROVAL_STATUSES), initial: 'unsubmitted' });

/** The first field of each resource is the one offered by default. */
export const WATCHED_FIELDS: Readonly<Record<string, readonly WatchableField[]>> = {
	client: [active],
	estimate: [
		enumField('state', 'State', ESTIMATE_STATES),
		timeField('accepted_at', 'Accepted At'),
		timeField('declined_at', 'Declined At'),
		timeField('sent_at', 'Sent At'),
	],
	expense: [approval(), flag('is_billed', 'Billed', false), flag('is_locked', 'Locked', false)],
	invoice: [
		enumField('state', 'State', INVOICE_STATES),
		timeField('paid_at', 'Paid At'),
		timeField('sent_at', 'Sent At'),
		timeField('closed_at', 'Closed At'),
	],
	project: [active],
	task: [active],
	timeEntry: [approval(), flag('is_billed', 'Billed', false), flag('is_locked', 'Locked', false)],
	user: [active],
};

export function watchedField(resource: string, name: string): FieldSpec | undefined {
	return WATCHED_FIELDS[resource]?.find((field) => field.name === name);
}

function title(value: string): string {
	return value.charAt(0).toUpperCase() + value.slice(1);
}

/** The "To Values" choices of a field: its values, yes/no, or set/cleared for a date-time. */
export function targetOptions(field: FieldSpec): INodePropertyOptions[] {
	if (field.kind === 'boolean') {
		return [
			{ name: 'No', value: 'false' },
			{ name: 'Yes', value: 'true' },
		];
	}
	if (field.kind === 'time') {
		return [
			{ name: 'Cleared', value: 'cleared', description: 'The field became empty' },
			{ name: 'Set', value: 'set', description: 'The field got a date (first time or a new one)' },
		];
	}
	return (field.values ?? []).map((value) => ({ name: title(value), value })).sort((a, b) => a.name.localeCompare(b.name));
}

