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
