// Workflow fixtures (test/e2e/workflows/*.json) refer to credentials by the fixed ids in credentials.ts.
// Credentials created over REST get server-made ids, so those are substituted before a workflow is saved.
import fs from 'fs';
import path from 'path';

import type { Rest } from './rest';

export type WorkflowJson = { id: string; name: string; nodes: Array<Record<string, unknown>>; [key: string]: unknown };

export function loadFixture(dir: string, file: string): WorkflowJson {
	return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as WorkflowJson;
}

export function loadFixtures(dir: string): WorkflowJson[] {
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => loadFixture(dir, f));
}

/** Replaces credential ids (a whole JSON string value) according to `ids`. */
export function withCredentialIds<T>(workflow: T, ids: Record<string, string>): T {
	let text = JSON.stringify(workflow);
	for (const [from, to] of Object.entries(ids)) text = text.split(`"${from}"`).join(`"${to}"`);
	return JSON.parse(text) as T;
}

/** Creates credentials through the REST API (n8n encrypts `data`); returns fixture id → real id. */
export async function createCredentials(
	rest: Rest,
	credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>,
): Promise<Record<string, string>> {
	const ids: Record<string, string> = {};
	for (const credential of credentials) {
		const created = await rest.call<{ id: string }>('POST', '/rest/credentials', {
			name: credential.name,
			type: credential.type,
			data: credential.data,
		});
		ids[credential.id] = created.id;
	}
	return ids;
}

export async function createWorkflows(rest: Rest, workflows: WorkflowJson[], credentialIds: Record<string, string>): Promise<void> {
	for (const workflow of workflows) {
		const { active: _active, ...body } = withCredentialIds(workflow, credentialIds) as WorkflowJson & { active?: boolean };
		await rest.call('POST', '/rest/workflows', body);
	}
}

// Workflows built in code (the deploy tier's bulk creates, the benchmark's workflows) start the same way.

/** A Manual Trigger named `Start` followed by `nodes`, each node's output into the next one's input. */
export function manualChain(nodes: Array<Record<string, unknown>>): { nodes: Array<Record<string, unknown>>; connections: Record<string, unknown> } {
	const all = [{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, ...nodes];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < all.length; i++) connections[String(all[i].name)] = { main: [[{ node: String(all[i + 1].name), type: 'main', index: 0 }]] };
	return { nodes: all, connections };
}

/**
 * Set → Split Out: `count` items `{ n }` numbered from 1, made without a Code node (and so without task-runner
 * work); the two nodes stand at x = `x` and `x + step`.
 */
export function numberedItems(count: number, x: number, step: number): Array<Record<string, unknown>> {
	const numbers = Array.from({ length: count }, (_, i) => i + 1);
	return [
		{
			id: 'numbers',
			name: 'Numbers',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [x, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ n: numbers }), options: {} },
		},
		{ id: 'split', name: 'One Item Each', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [x + step, 0], parameters: { fieldToSplitOut: 'n', options: {} } },
	];
}
