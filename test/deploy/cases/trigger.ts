// Point 3: the activated trigger in queue mode — the main polls, workers run the executions — reports every change
// once, as in single mode. Run once per scheduler (n8n's default one, then the durable scheduler with durable poll
// cursors): the e2e tier's trigger cases unchanged, with every trigger execution traced to a worker, and a longer run
// of random edits judged by the oracle (oracle.ts).
import assert from 'assert/strict';
import fs from 'fs';
import path from 'path';

import { triggerCases as e2eTriggerCases } from '../../e2e/cases/trigger';
import type { Case } from '../../e2e/harness';
import { createWorkflows } from '../../e2e/workflows';
import { Prng } from '../../trigger/prng';
import { workerOf } from '../checks';
import type { SchedulerMode } from '../cluster';
import type { DeployContext } from '../context';
import { activate, collectDeliveries, deactivate, EditDriver, judgeRun, ReadLog, settleExecutions } from '../triggerRun';
import { DEPLOY_CRED, triggerWorkflow } from '../workflows';

/** The e2e trigger fixtures' workflows (test/e2e/workflows/trigger*.json) have ids starting so. */
const E2E_TRIGGER_WORKFLOWS = 'e2eTrigger%';
/** How long the random edits go on; polls come every 5 s. */
const EDIT_MS = 60_000;

export function triggerWorkflowId(scheduler: SchedulerMode, purpose: 'edits' | 'crash'): string {
	return `deploy${purpose === 'edits' ? 'Edits' : 'Crash'}${scheduler === 'legacy' ? 'Legacy' : 'Durabl'}`.padEnd(16, '0');
}

/** The raw material of a judged run, kept with the artifacts so a failure can be looked into. */
export function saveRunData(ctx: DeployContext, name: string, data: unknown): void {
	fs.writeFileSync(path.join(ctx.logsDir, `${name}.json`), `${JSON.stringify(data, null, 1)}\n`);
}

/** A trigger workflow on the crash sandbox (reached through the tap), created under `id`. */
export async function createTriggerWorkflow(ctx: DeployContext, id: string): Promise<void> {
	const credential = { id: ctx.credentialIds[DEPLOY_CRED.crash.id], name: DEPLOY_CRED.crash.name };
	await createWorkflows(ctx.rest, [triggerWorkflow(id, `deploy: trigger ${id}`, credential)], {});
}

/** Each e2e trigger case unchanged; afterwards every trigger execution it caused must have run on a worker. */
function e2eOnWorkers(scheduler: SchedulerMode): Array<Case<DeployContext>> {
	return e2eTriggerCases.map((c) => ({
		name: `${scheduler} scheduler: ${c.name}, executions on workers`,
		lane: 'trigger',
		timeoutMs: c.timeoutMs,
		run: async (ctx) => {
			// The e2e cases count every execution of their workflows: start from none (an earlier phase ran them too).
			const earlier = await ctx.data.query<{ id: string }>('SELECT id::text AS id FROM execution_entity WHERE "workflowId" LIKE $1', [E2E_TRIGGER_WORKFLOWS]);
			if (earlier.length) await ctx.rest.call('POST', '/rest/executions/delete', { ids: earlier.map((e) => e.id) });
			const [{ last }] = await ctx.data.query<{ last: string }>('SELECT coalesce(max(id), 0)::text AS last FROM execution_entity');
			await c.run(ctx);
			const caused = await ctx.data.query<{ id: string }>(
				`SELECT id::text AS id FROM execution_entity WHERE id > $1 AND mode = 'trigger' AND "workflowId" LIKE $2 ORDER BY id`,
				[Number(last), E2E_TRIGGER_WORKFLOWS],
			);
			assert.ok(caused.length > 0, 'the trigger started no execution');
			for (const { id } of caused) await workerOf(ctx, id);
		},
	}));
}

function editsCase(scheduler: SchedulerMode): Case<DeployContext> {
	return {
		name: `${scheduler} scheduler: random edits for ${EDIT_MS / 1000} s — every change the polls saw reported once, none twice, on workers`,
		lane: 'trigger edits',
		timeoutMs: 6 * 60_000,
		run: async (ctx) => {
			const workflowId = triggerWorkflowId(scheduler, 'edits');
			await createTriggerWorkflow(ctx, workflowId);
			const reads = new ReadLog(ctx.tap);
			const activatedAt = Date.now();
			await activate(ctx.rest, workflowId);
			try {
				// The first poll fixes where watching starts; changes from then on are owed.
				const first = await reads.next(activatedAt, 150_000);
				const driver = new EditDriver(ctx.crashSandbox, new Prng(ctx.seed).fork(scheduler === 'legacy' ? 1 : 2), `edits ${scheduler}`);
				const end = Date.now() + EDIT_MS;
				await driver.run(() => Date.now() > end);
				await reads.settledReads(driver.lastWriteAt, 2);
				await deactivate(ctx.rest, workflowId);
				const open = await settleExecutions(ctx.data, workflowId);
				const count = await collectDeliveries(ctx.rest, ctx.data, workflowId);
				const polls = reads.reads.filter((r) => r.arrivedAt >= first.arrivedAt);
				const verdict = judgeRun(driver.writes, polls.map((r) => ({ ...r, completed: true })), count);
				saveRunData(ctx, workflowId, { writes: driver.writes, reads: polls, deliveries: count.deliveries, verdict });
				ctx.results[`trigger ${scheduler}`] = {
					writes: driver.writes.length,
					polls: polls.length,
					firstPollAfterActivationS: Math.round((first.arrivedAt - activatedAt) / 100) / 10,
					executions: count.statuses,
					versions: verdict.versions,
					owed: verdict.owed,
					delivered: verdict.delivered,
					lost: verdict.lost.length,
					repeated: verdict.repeated.length,
					unseen: verdict.unseen,
				};
				process.stdout.write(
					`      ${driver.writes.length} writes → ${verdict.versions} versions, ${verdict.owed} owed, ${verdict.delivered} delivered in ` +
						`${count.executionIds.length} executions; lost ${verdict.lost.length}, repeated ${verdict.repeated.length}, unseen ${verdict.unseen}, ${polls.length} polls\n`,
				);
				assert.deepEqual(open, [], 'executions still open');
				assert.deepEqual(verdict.lost, [], 'changes never delivered');
				assert.deepEqual(verdict.repeated, [], 'changes delivered twice');
				assert.deepEqual(verdict.wrongContent, [], 'items not carrying the last content of their second');
				assert.deepEqual(verdict.unknown, [], 'items the test never wrote');
				assert.ok(verdict.owed >= 30, `only ${verdict.owed} versions were owed: the run proved too little`);
				for (const id of count.executionIds) await workerOf(ctx, id);
			} finally {
				await deactivate(ctx.rest, workflowId).catch(() => undefined);
			}
		},
	};
}

export function triggerCases(scheduler: SchedulerMode): Array<Case<DeployContext>> {
	return [...e2eOnWorkers(scheduler), editsCase(scheduler)];
}
