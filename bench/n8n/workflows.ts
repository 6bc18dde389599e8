// The benchmark's workflows: Manual Trigger → the Harvest node under test, the same operation for both nodes.
// Ids are fixed (n8n execute --id) and credentials are referred to by the ids in credentials.ts.
import { quarterHourEntry } from '../../test/deploy/workflows';
import { manualChain, numberedItems } from '../../test/e2e/workflows';
import { BENCH } from '../config';
import type { NodeKind } from '../results';
import { CREDENTIALS, type CredentialRef } from './credentials';

export const HARVEST_NODE = 'Harvest';

type Parameters = Record<string, unknown>;

export interface BenchWorkflow {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
	active: false;
}

function harvestNode(kind: NodeKind, parameters: Parameters, credential: CredentialRef, accountId: string) {
	return kind === 'builtin'
		? {
				id: 'harvest',
				name: HARVEST_NODE,
				type: 'n8n-nodes-base.harvest',
				typeVersion: 1,
				position: [440, 0],
				// The built-in node takes the account as a node parameter.
				parameters: { authentication: 'accessToken', accountId, ...parameters },
				credentials: { harvestApi: credential },
			}
		: {
				id: 'harvest',
				name: HARVEST_NODE,
				type: 'n8n-nodes-harvestapp.harvestApp',
				typeVersion: 1,
				position: [440, 0],
				parameters: { authentication: 'accessToken', ...parameters },
				credentials: { harvestAppApi: credential },
			};
}

function chain(id: string, name: string, nodes: Array<Record<string, unknown>>): BenchWorkflow {
	return { id, name, ...manualChain(nodes), settings: { executionOrder: 'v1' }, active: false };
}

/** Workflow ids are 16 characters, like n8n's own. */
function workflowId(scenario: string, kind: NodeKind): string {
	const short: Record<string, string> = { listTimeEntries: 'LsTE', listClients: 'LsCl', listFree: 'LsFr', create: 'CrTE' };
	return `bench${short[scenario]}${kind === 'builtin' ? 'Bltn' : 'Ours'}Wf1`;
}

export function listWorkflow(scenario: 'listTimeEntries' | 'listClients' | 'listFree', kind: NodeKind, accountId: string): BenchWorkflow {
	const resource = scenario === 'listClients' ? 'client' : 'timeEntry';
	const credential = kind === 'builtin' ? CREDENTIALS.builtin : CREDENTIALS.ours;
	const node = harvestNode(kind, { resource, operation: 'getAll', returnAll: true, filters: {} }, credential, accountId);
	return chain(workflowId(scenario, kind), `bench: ${scenario} (${kind})`, [node]);
}

/** n input items (Set → Split Out, no Code node and so no task runner work), each creating one time entry. */
export function createWorkflow(kind: NodeKind, accountId: string, target: { projectId: number; taskId: number; spentDate: string }): BenchWorkflow {
	const items = numberedItems(BENCH.creates, 150, 150);
	const parameters: Parameters =
		kind === 'builtin'
			? {
					resource: 'timeEntry',
					operation: 'createByDuration',
					projectId: String(target.projectId),
					taskId: String(target.taskId),
					spentDate: target.spentDate,
					additionalFields: { hours: 0.25, notes: 'n8n bench (built-in)' },
				}
			: quarterHourEntry(target, 'n8n bench (harvestApp)');
	const credential = kind === 'builtin' ? CREDENTIALS.builtin : CREDENTIALS.ours;
	return chain(workflowId('create', kind), `bench: create (${kind})`, [...items, harvestNode(kind, parameters, credential, accountId)]);
}
