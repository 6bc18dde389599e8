// Point 4, the workers: SIGKILL a worker in the middle of bulk creates, again and again (the two workers take
// turns; a killed one restarts while the other works), while new bulk runs keep the queue full. Our node must never
// create an item twice; what n8n itself does with the killed executions (runs them again, marks them crashed, leaves
// them) is counted. n8n 2.41.1 sets Bull's maxStalledCount to 0, so a job whose worker died is not run again.
import assert from 'assert/strict';

import { workTarget } from '../../../bench/sandbox';
import type { Case } from '../../e2e/harness';
import { sleep } from '../../e2e/n8n';
import { Prng } from '../../trigger/prng';
import type { DeployContext } from '../context';
import { bulkNotePrefix, bulkWorkflow, DEPLOY_CRED } from '../workflows';
import { saveRunData } from './trigger';

const ITEMS = 40;
/** Runs kept in flight: enough that a restarted worker finds work at once. */
const IN_FLIGHT = 4;
const TAG = 'kill';

/** Worker kills (HARVESTAPP_DEPLOY_WORKER_KILLS; `npm test` runs a few, a full run 20). */
export function workerKills(): number {
	const given = Number(process.env.HARVESTAPP_DEPLOY_WORKER_KILLS);
	return Number.isSafeInteger(given) && given > 0 ? given : 4;
}

/** Executions a worker's log shows started and not finished, leaving out those already hit by a kill. */
function runningOn(log: string, gone: Set<string>): string[] {
	const started = [...log.matchAll(/Worker started execution (\d+) \(job /g)].map((m) => m[1]);
	const finished = new Set([...log.matchAll(/Worker finished execution (\d+) \(job /g)].map((m) => m[1]));
	return started.filter((id) => !finished.has(id) && !gone.has(id));
}

export function crashWorkerCase(): Case<DeployContext> {
	const kills = workerKills();
	return {
		name: `a worker SIGKILLed mid bulk-create ${kills} times — no item created twice; what n8n runs again counted`,
		lane: 'last',
		timeoutMs: (10 + kills) * 60_000,
		run: async (ctx) => {
			const rng = new Prng(ctx.seed).fork(21);
			const sandbox = ctx.bulkSandbox;
			const target = { ...(await workTarget(sandbox)), spentDate: new Date().toISOString().slice(0, 10) };
			const credential = { id: ctx.credentialIds[DEPLOY_CRED.bulk.id], name: DEPLOY_CRED.bulk.name };
			const workflowId = `deployKillBulk${String(ctx.seed % 100).padStart(2, '0')}`;
			await ctx.rest.call('POST', '/rest/workflows', bulkWorkflow(workflowId, TAG, ITEMS, target, credential, true));
			await sandbox.admin('DELETE', '/rate-limits');

			const started: string[] = [];
			const inFlight = new Map<string, Promise<unknown>>();
			const killed = new Set<string>();
			const record: Array<{ worker: string; at: number; executions: string[]; restartMs?: number }> = [];
			const restarts: Array<Promise<void>> = [];
			let feeding = true;
			const feed = (async () => {
				while (feeding) {
					while (inFlight.size < IN_FLIGHT && feeding) {
						const id = await ctx.rest.runWorkflow(workflowId, 'Start');
						started.push(id);
						const waiting = ctx.rest.waitForExecution(id, 30 * 60_000).catch(() => undefined);
						inFlight.set(id, waiting);
						void waiting.then(() => inFlight.delete(id));
					}
					await sleep(250);
				}
			})();
			try {
				for (let turn = 0; record.length < kills; turn++) {
					const worker = ctx.cluster.workers[turn % ctx.cluster.workers.length];
					await restarts[restarts.length - 1];
					// Mid bulk-create: the worker runs at least one execution; kill it a random while into it.
					const deadline = Date.now() + 180_000;
					while (!runningOn(worker.log(), killed).length) {
						if (Date.now() > deadline) throw new Error(`${worker.name} took no job within 180 s`);
						await sleep(200);
					}
					await sleep(rng.int(500, 4000));
					const executions = runningOn(worker.log(), killed);
					await worker.kill();
					const entry: (typeof record)[number] = { worker: worker.name, at: Date.now(), executions };
					record.push(entry);
					for (const id of executions) killed.add(id);
					process.stdout.write(`      kill ${record.length}/${kills}: ${worker.name} with execution(s) ${executions.join(', ') || 'none'}\n`);
					const restartedAt = Date.now();
					restarts.push(worker.start().then(() => void (entry.restartMs = Date.now() - restartedAt)));
				}
			} finally {
				feeding = false;
				await feed.catch(() => undefined);
				await Promise.all(restarts.map((r) => r.catch(() => undefined)));
			}
			// The executions a kill hit never finish on their own; the others finish on the workers.
			const unfinished = [...inFlight.keys()].filter((id) => !killed.has(id));
			await Promise.race([Promise.all(unfinished.map((id) => inFlight.get(id))), sleep(10 * 60_000)]);

			const prefix = bulkNotePrefix(TAG);
			const marks = new Map<string, number>();
			for (let page = 1; ; page++) {
				const body = await sandbox.get<{ time_entries: Array<{ notes: string | null }>; next_page: number | null }>(`/time_entries?per_page=2000&page=${page}`);
				for (const entry of body.time_entries) {
					if (entry.notes?.startsWith(prefix)) marks.set(entry.notes, (marks.get(entry.notes) ?? 0) + 1);
				}
				if (!body.next_page) break;
			}
			const executionOf = (note: string) => note.slice(prefix.length).split(' #')[0];
			const duplicates = [...marks].filter(([, n]) => n > 1).map(([note]) => note);
			const statuses: Record<string, number> = {};
			const killedStatuses: Record<string, number> = {};
			const complete: string[] = [];
			for (const id of started) {
				const result = await ctx.rest.execution(id);
				statuses[result.status] = (statuses[result.status] ?? 0) + 1;
				// A worker can take a job and die before its log says so: an execution that did not succeed was hit too.
				if (result.status !== 'success') killed.add(id);
				if (killed.has(id)) killedStatuses[result.status] = (killedStatuses[result.status] ?? 0) + 1;
				else complete.push(id);
			}
			const jobs = await ctx.data.jobs();
			const ranAgain = started.filter((id) => (jobs.get(id) ?? []).length > 1 || ctx.cluster.workers.filter((w) => w.log().includes(`Worker started execution ${id} (job`)).length > 1);
			const retries = await ctx.data.count('execution_entity', `"retryOf" IS NOT NULL AND "workflowId" = $1`, [workflowId]);
			const missingInComplete = complete.flatMap((id) => Array.from({ length: ITEMS }, (_, i) => `${prefix}${id} #${i + 1}`)).filter((note) => !marks.has(note));
			const summary = {
				kills: record.length,
				executions: started.length,
				statuses,
				killedExecutions: killed.size,
				killedExecutionStatuses: killedStatuses,
				itemsCreatedByKilledExecutions: [...marks.keys()].filter((note) => killed.has(executionOf(note))).length,
				itemsCreatedTwice: duplicates.length,
				executionsN8nRanAgain: ranAgain.length,
				retriesN8nMade: retries,
				meanWorkerRestartS: Math.round(record.reduce((s, r) => s + (r.restartMs ?? 0), 0) / Math.max(1, record.length) / 100) / 10,
			};
			ctx.results['crash worker'] = summary;
			saveRunData(ctx, 'crash-worker', { record, started, killed: [...killed], duplicates, summary });
			process.stdout.write(`      ${JSON.stringify(summary)}\n`);
			assert.equal(record.length, kills);
			assert.ok(killed.size >= kills, `only ${killed.size} executions were hit by the ${kills} kills`);
			assert.deepEqual(duplicates, [], 'items created twice');
			assert.deepEqual(missingInComplete, [], 'items missing from executions that finished');
		},
	};
}
