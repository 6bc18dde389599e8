// Point 1: every action case of the real-n8n tier (a round trip per resource group, the receipt upload, the Custom
// API Call, reports, invoicing …), run unchanged against the queue-mode cluster. Each case's own checks compare with
// the sandbox; on top, every execution it started must have been run by a worker, by n8n's own records: the Bull
// job n8n kept in Redis names the worker that finished it, and that worker's log says it started it.
import assert from 'assert/strict';

import { actionCases } from '../../e2e/cases/actions';
import type { Case } from '../../e2e/harness';
import { Rest } from '../../e2e/rest';
import { workerOf } from '../checks';
import type { DeployContext } from '../context';

/** A REST session that remembers the executions it started. */
class RecordingRest extends Rest {
	readonly started: string[] = [];

	override async runWorkflow(workflowId: string, triggerName: string): Promise<string> {
		const id = await super.runWorkflow(workflowId, triggerName);
		this.started.push(id);
		return id;
	}
}

export const workersRan = new Map<string, number>();

export const actionsOnWorkers: Array<Case<DeployContext>> = actionCases.map((c) => ({
	name: `workers: ${c.name.replace(/^actions: /, '')}`,
	lane: 'actions',
	timeoutMs: c.timeoutMs,
	run: async (ctx) => {
		const rest = new RecordingRest(ctx.rest.baseUrl, ctx.runtime.n8nHost);
		await rest.setupOwnerOrLogin();
		await c.run({ ...ctx, rest });
		assert.ok(rest.started.length > 0, 'the case started no execution');
		for (const id of rest.started) {
			const worker = await workerOf(ctx, id);
			workersRan.set(worker, (workersRan.get(worker) ?? 0) + 1);
		}
	},
}));

export const bothWorkersUsed: Case<DeployContext> = {
	name: 'workers: the action executions were spread over both workers',
	lane: 'actions',
	run: async (ctx) => {
		ctx.results.actionsPerWorker = Object.fromEntries(workersRan);
		for (const worker of ctx.cluster.workers) assert.ok((workersRan.get(worker.name) ?? 0) > 0, `${worker.name} ran none: ${JSON.stringify(Object.fromEntries(workersRan))}`);
	},
};
