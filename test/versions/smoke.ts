// The smoke for one n8n version: the package loads, its credential test works, an action and the Custom API
// Call run, and the activated trigger polls on n8n's schedule. Each version's cases run in their own lane.
import assert from 'assert/strict';
import path from 'path';

import { patCredential } from '../e2e/credentials';
import { ensureRuntime, type RuntimeSpec } from '../e2e/env';
import { registerSecrets, type Case } from '../e2e/harness';
import { N8n, nodeError, nodeItems, sleep } from '../e2e/n8n';
import { installPackage, type PackResult } from '../e2e/pack';
import { assertPackageRegistered, packageLogProblems } from '../e2e/packageChecks';
import { Rest } from '../e2e/rest';
import type { Sandbox } from '../e2e/sandbox';
import { createCredentials } from '../e2e/workflows';
import { createClientWorkflow, customCallWorkflow, TRIGGER_NODE, triggerWorkflow } from './workflows';

export interface SmokeContext {
	sandbox: Sandbox;
	pack: PackResult;
	workDir: string;
	logsDir: string;
	/** Limits how many n8n versions install at once on a cold machine (each takes ~3 GB of RAM while npm runs). */
	installSlot: <T>(fn: () => Promise<T>) => Promise<T>;
	/** One n8n starts at a time: a start (migrations, loading every node) keeps a core busy for a while. */
	startSlot: <T>(fn: () => Promise<T>) => Promise<T>;
	/** Filled by each version's first case. */
	instances: Map<string, Instance>;
}

interface Instance {
	n8n: N8n;
	rest: Rest;
	credentialId: string;
	badCredentialId: string;
}

const WORKFLOW_IDS = { action: 'smokeAction00001', custom: 'smokeCustom00001', trigger: 'smokeTrigger0001' };

export function runtimeLabel(spec: RuntimeSpec): string {
	return `n8n ${spec.n8n}`;
}

function instance(ctx: SmokeContext, spec: RuntimeSpec): Instance {
	const found = ctx.instances.get(spec.n8n);
	if (!found) throw new Error(`${runtimeLabel(spec)} did not start (see its first case)`);
	return found;
}

/**
 * Saves a workflow as the editor does and returns the id n8n gave it (1.x ignores the one in the body and needs
 * `active` there; 2.x derives that from publishing).
 */
async function saveWorkflow(rest: Rest, spec: RuntimeSpec, workflow: Record<string, unknown>): Promise<string> {
	const saved = await rest.call<{ id: string }>('POST', '/rest/workflows', spec.n8n.startsWith('1.') ? { ...workflow, active: false } : workflow);
	return saved.id;
}

/**
 * Activates or deactivates a workflow as the editor does: n8n 1.123 and 2.x have activate/deactivate routes;
 * older 1.x saves `active` with the workflow's current versionId.
 */
async function setActive(rest: Rest, workflowId: string, active: boolean): Promise<void> {
	const { versionId } = await rest.call<{ versionId: string }>('GET', `/rest/workflows/${workflowId}`);
	const route = `/rest/workflows/${workflowId}/${active ? 'activate' : 'deactivate'}`;
	const response = await rest.request<{ message?: string }>('POST', route, active ? { versionId } : {});
	if (response.status === 404) await rest.call('PATCH', `/rest/workflows/${workflowId}`, { active, versionId });
	else if (response.status >= 400) throw new Error(`n8n POST ${route}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
}

/** Every item of every trigger-mode execution of the workflow. */
async function triggeredItems(rest: Rest, workflowId: string): Promise<Array<Record<string, unknown>>> {
	const items: Array<Record<string, unknown>> = [];
	for (const summary of (await rest.executions(workflowId)).filter((e) => e.mode === 'trigger')) {
		// A poll's execution may still be running; wait for it rather than read half of it.
		const execution = await rest.waitForExecution(summary.id, 30_000);
		assert.equal(execution.status, 'success', `trigger execution ${summary.id}: ${execution.error?.message}`);
		items.push(...nodeItems(execution, TRIGGER_NODE));
	}
	return items;
}

export function smokeCases(spec: RuntimeSpec): Array<Case<SmokeContext>> {
	const label = runtimeLabel(spec);
	const lane = label;
	return [
		{
			name: `${label}: installs on Node ${spec.node}, starts, and loads the package (nodes, tool, credentials, icons)`,
			lane,
			// A cold install is 3 to 10 minutes (more when versions wait for each other); a cached one is instant.
			timeoutMs: 40 * 60_000,
			run: async (ctx) => {
				const runtime = await ctx.installSlot(() => ensureRuntime(spec));
				const folder = path.join(ctx.workDir, spec.n8n);
				const n8n = new N8n(runtime, { userFolder: folder, logFile: path.join(ctx.logsDir, `n8n-${spec.n8n}.log`) });
				registerSecrets(n8n.encryptionKey);
				await installPackage(ctx.pack, n8n.nodesDir);
				const rest = await ctx.startSlot(async () => {
					await n8n.startServer();
					const session = new Rest(n8n.baseUrl, runtime.n8nHost);
					await session.setupOwnerOrLogin();
					return session;
				});
				const ids = await createCredentials(rest, [
					patCredential('smokeHarvestPat1', 'Harvest sandbox (token)', ctx.sandbox.info),
					patCredential('smokeHarvestBad1', 'Harvest sandbox (wrong token)', ctx.sandbox.info, 'not-a-valid-token-000'),
				]);
				ctx.instances.set(spec.n8n, { n8n, rest, credentialId: ids.smokeHarvestPat1, badCredentialId: ids.smokeHarvestBad1 });
				await assertPackageRegistered(rest, { toolVariant: true });
			},
		},
		{
			name: `${label}: n8n's credential test passes with the token and fails with a wrong one`,
			lane,
			run: async (ctx) => {
				const { rest, credentialId, badCredentialId } = instance(ctx, spec);
				const test = async (id: string) => {
					const stored = await rest.call<{ name: string; data: Record<string, unknown> }>('GET', `/rest/credentials/${id}?includeData=true`);
					return rest.call<{ status: string; message: string }>('POST', '/rest/credentials/test', {
						credentials: { id, name: stored.name, type: 'harvestAppApi', data: stored.data },
					});
				};
				const good = await test(credentialId);
				assert.equal(good.status, 'OK', good.message);
				const bad = await test(badCredentialId);
				assert.equal(bad.status, 'Error', 'a wrong token passed the credential test');
			},
		},
		{
			name: `${label}: an action creates a client in Harvest`,
			lane,
			run: async (ctx) => {
				const { rest, credentialId } = instance(ctx, spec);
				const clientName = `Smoke client (n8n ${spec.n8n})`;
				const id = await saveWorkflow(rest, spec, createClientWorkflow(WORKFLOW_IDS.action, { id: credentialId, name: 'Harvest sandbox (token)' }, clientName));
				const result = await rest.runAndWait(id);
				assert.equal(result.status, 'success', nodeError(result, 'Create Client') ?? result.error?.message);
				const [created] = nodeItems(result, 'Create Client');
				assert.equal(created?.name, clientName, `nodes that ran: ${Object.keys(result.runData).join(', ')}; ${JSON.stringify(result.raw).slice(0, 600)}`);
				const stored = await ctx.sandbox.get<{ name: string }>(`/clients/${String(created.id)}`);
				assert.equal(stored.name, clientName, 'the sandbox holds the client n8n created');
			},
		},
		{
			name: `${label}: the Custom API Call reads /users/me`,
			lane,
			run: async (ctx) => {
				const { rest, credentialId } = instance(ctx, spec);
				const id = await saveWorkflow(rest, spec, customCallWorkflow(WORKFLOW_IDS.custom, { id: credentialId, name: 'Harvest sandbox (token)' }));
				const result = await rest.runAndWait(id);
				assert.equal(result.status, 'success', nodeError(result, 'Who Am I') ?? result.error?.message);
				const me = await ctx.sandbox.get<{ id: number; email: string }>('/users/me');
				const [item] = nodeItems(result, 'Who Am I');
				assert.equal(item?.id, me.id, `the call returned ${JSON.stringify(item).slice(0, 300)}`);
				assert.equal(item?.email, me.email);
			},
		},
		{
			name: `${label}: the activated trigger polls on n8n's schedule and reports a new client once`,
			lane,
			timeoutMs: 3 * 60_000,
			run: async (ctx) => {
				const { rest, credentialId } = instance(ctx, spec);
				// Watching starts a minute back (the versions share the sandbox, so other clients show up too).
				const startFrom = new Date(Date.now() - 60_000).toISOString();
				const credential = { id: credentialId, name: 'Harvest sandbox (token)' };
				const workflowId = await saveWorkflow(rest, spec, triggerWorkflow(WORKFLOW_IDS.trigger, credential, startFrom));
				await setActive(rest, workflowId, true);
				try {
					const reportsOf = async (id: number) =>
						(await triggeredItems(rest, workflowId)).filter((item) => item.id === id);
					const createAndAwait = async (name: string) => {
						const created = (await ctx.sandbox.mutate('clients', 'create', { name })) as { id?: number; record?: { id: number } };
						const id = Number(created.record?.id ?? created.id);
						assert.ok(id, `sandbox mutate returned ${JSON.stringify(created).slice(0, 200)}`);
						for (const deadline = Date.now() + 60_000; !(await reportsOf(id)).length; await sleep(1000)) {
							if (Date.now() > deadline) throw new Error(`client ${id} not reported within 60 s of its creation`);
						}
						return id;
					};
					// The first may come with the poll n8n runs on activation; the second, created after that report,
					// can only come with a poll n8n ran on its schedule.
					const names = [`Smoke trigger client A (n8n ${spec.n8n})`, `Smoke trigger client B (n8n ${spec.n8n})`];
					const ids = [await createAndAwait(names[0]), await createAndAwait(names[1])];
					// Two more poll intervals: neither may come again.
					await sleep(11_000);
					for (const [i, id] of ids.entries()) {
						const reported = await reportsOf(id);
						assert.equal(reported.length, 1, `client ${id} reported ${reported.length} times`);
						assert.equal(reported[0].name, names[i]);
					}
				} finally {
					await setActive(rest, workflowId, false).catch(() => undefined);
				}
			},
		},
		{
			name: `${label}: n8n's log has no warnings or errors about the package`,
			lane,
			run: async (ctx) => {
				const { n8n } = instance(ctx, spec);
				assert.deepEqual(packageLogProblems(n8n.serverLog()), [], 'log lines about the package or about loading nodes');
			},
		},
	];
}
