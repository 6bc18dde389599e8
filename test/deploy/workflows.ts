// Workflows only the deploy tier uses, built in code because their size and names vary per run: bulk creates
// (Set → Split Out → Create by Duration, one time entry per item with a unique note) and copies of the e2e
// trigger workflow (every 5 s, new or updated time entries) pointed at another credential.
import path from 'path';

import { loadFixture, manualChain, numberedItems, type WorkflowJson } from '../e2e/workflows';

const e2eWorkflows = path.join(__dirname, '..', 'e2e', 'workflows');

/** Credentials of the deploy tier's own sandboxes (the e2e ones are in test/e2e/credentials.ts). */
export const DEPLOY_CRED = {
	bulk: { id: 'deployBulkPat001', name: 'Harvest bulk sandbox (token)' },
	crash: { id: 'deployCrashPat01', name: 'Harvest crash sandbox (token)' },
} as const;

export interface CreateTarget {
	projectId: number;
	taskId: number;
	spentDate: string;
}

/** The Harvest App node's parameters that create a quarter-hour time entry on `target` with these notes. */
export function quarterHourEntry(target: CreateTarget, notes: string): Record<string, unknown> {
	return {
		resource: 'timeEntry',
		operation: 'createByDuration',
		projectId: { __rl: true, mode: 'id', value: String(target.projectId) },
		taskId: { __rl: true, mode: 'id', value: String(target.taskId) },
		spentDate: target.spentDate,
		hours: 0.25,
		additionalFields: { notes },
	};
}

/** Notes of a bulk workflow's items are this prefix and the item's number: unique, so duplicates can be counted. */
export function bulkNotePrefix(tag: string): string {
	return `deploy bulk ${tag} #`;
}

/**
 * Start → `count` items → one time entry per item, noted `<prefix><n>`; with `perExecution` the note is
 * `<prefix><execution id> #<n>`, so an execution n8n ran again shows apart from an item created twice by one run.
 */
export function bulkWorkflow(
	id: string,
	tag: string,
	count: number,
	target: CreateTarget,
	credential: { id: string; name: string },
	perExecution = false,
): WorkflowJson {
	const nodes = [
		...numberedItems(count, 200, 200),
		{
			id: 'create',
			name: 'Create',
			type: 'n8n-nodes-harvestapp.harvestApp',
			typeVersion: 1,
			position: [600, 0],
			parameters: {
				authentication: 'accessToken',
				...quarterHourEntry(target, `={{ ${JSON.stringify(bulkNotePrefix(tag))}${perExecution ? " + $execution.id + ' #'" : ''} + $json.n }}`),
			},
			credentials: { harvestAppApi: credential },
		},
	];
	return { id, name: `deploy: bulk create ${tag}`, ...manualChain(nodes), settings: { executionOrder: 'v1' } };
}

export const TRIGGER_NODE = 'Harvest App Trigger';
/** The node after the trigger in the e2e fixture: an item counts as delivered once a worker ran this node on it. */
export const DELIVERED_NODE = 'Received';

/**
 * The e2e trigger workflow (time entries, new or updated, polled every 5 s) under another id and credential. Its
 * limit is raised so that a poll after an outage is never cut by it: what the crash runs count is the kills' effect.
 */
export function triggerWorkflow(id: string, name: string, credential: { id: string; name: string }): WorkflowJson {
	const fixture = loadFixture(e2eWorkflows, 'trigger.json');
	const nodes = fixture.nodes.map((node) =>
		node.name === TRIGGER_NODE ? { ...node, parameters: { ...(node.parameters as Record<string, unknown>), limit: 1000 }, credentials: { harvestAppApi: credential } } : node,
	);
	return { ...fixture, id, name, nodes, settings: { ...(fixture.settings as Record<string, unknown>), saveDataErrorExecution: 'all' } };
}
