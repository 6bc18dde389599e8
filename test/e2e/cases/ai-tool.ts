// AI tool (point 5): n8n registers the node's tool variant, and an agent-style tool call runs it. n8n's own
// "run a tool without its agent" path does the call (the editor uses it too), so no language model is needed.
import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';

const WORKFLOW = 'e2eAiToolClient1';
const TOOL_NODE = 'Look up client';

export const aiToolCases: Array<Case<E2EContext>> = [
	{
		name: 'AI tool: an agent tool call with {clientId} runs the Harvest App tool and returns that client',
		run: async ({ rest, sandbox }) => {
			const { clients } = await sandbox.get<{ clients: Array<{ id: number; name: string }> }>('/clients?per_page=5');
			const target = clients[3] ?? clients[0];
			// The tool call's arguments, keyed by the tool's name as an agent would send them.
			const args = { clientId: target.id };
			const started = await rest.call<{ executionId: string }>('POST', `/rest/workflows/${WORKFLOW}/run`, {
				destinationNode: { nodeName: TOOL_NODE, mode: 'inclusive' },
				agentRequest: { query: { [TOOL_NODE.replace(/ /g, '_')]: args }, tool: { name: '' } },
			});
			const result = await rest.waitForExecution(started.executionId);
			assert.equal(result.status, 'success', JSON.stringify(result.error)?.slice(0, 300));
			const runs = result.runData[TOOL_NODE] as Array<{
				inputOverride?: { ai_tool?: Array<Array<{ json: Record<string, unknown> }>> };
				data?: { ai_tool?: Array<Array<{ json: { response?: Array<Record<string, unknown>> } }>> };
			}>;
			assert.ok(runs?.length, 'the tool node did not run');
			assert.deepEqual(runs[0].inputOverride?.ai_tool?.[0]?.[0]?.json, args, 'the tool received the call\'s arguments');
			const response = runs[0].data?.ai_tool?.[0]?.[0]?.json.response?.[0];
			assert.equal(response?.id, target.id);
			assert.equal(response?.name, target.name);
		},
	},
];
