// What the example cases share: running an example, and what a run changed on either side.
import assert from 'assert/strict';

import type { Counterpart } from '../../../counterparts/counterpart';
import type { LoggedRequest } from '../../../counterparts/log';
import type { E2EContext } from '../../context';
import type { ExecutionResult } from '../../n8n';
import type { ExampleWorld } from '../../examples';
import type { Sandbox, SandboxRequest } from '../../sandbox';
import { failure } from '../roundtrip';

/** The examples' sandbox and stand-ins, which the e2e tier starts (other tiers share the context type without them). */
export function examplesOf(ctx: E2EContext): { sandbox: Sandbox; world: ExampleWorld } {
	assert.ok(ctx.examplesSandbox && ctx.world, 'the examples sandbox and stand-ins are started by the e2e tier');
	return { sandbox: ctx.examplesSandbox, world: ctx.world };
}

export interface RunEffects {
	result: ExecutionResult;
	/** Requests that changed Harvest (POST, PATCH, DELETE) during the run. */
	harvestWrites: SandboxRequest[];
	/** Requests that changed the counterpart during the run. */
	counterpartWrites: LoggedRequest[];
}

/** Runs an example from a trigger node and reports the writes it made on both sides. */
export async function runExample(ctx: E2EContext, workflow: string, trigger: string, counterpart: Counterpart): Promise<RunEffects> {
	const harvestBefore = Math.max(0, ...(await examplesOf(ctx).sandbox.requests()).map((r) => Number(r.seq)));
	const counterpartBefore = Math.max(0, ...counterpart.log.list().map((r) => r.seq));
	// Scheduled runs are 15 minutes or a day apart, so each starts with Harvest's rate windows empty.
	await examplesOf(ctx).sandbox.admin('DELETE', '/rate-limits');
	const result = await ctx.rest.runAndWait(workflow, trigger, 120_000);
	assert.equal(result.status, 'success', failure(result));
	const harvestWrites = (await examplesOf(ctx).sandbox.requests()).filter((r) => Number(r.seq) > harvestBefore && r.method !== 'GET');
	const counterpartWrites = counterpart.log.list().filter((r) => r.seq > counterpartBefore && r.write);
	return { result, harvestWrites, counterpartWrites };
}

export function describeWrites(effects: Pick<RunEffects, 'harvestWrites' | 'counterpartWrites'>): string {
	const harvest = effects.harvestWrites.map((r) => `${r.method} ${r.path}`);
	const other = effects.counterpartWrites.map((r) => `${r.method} ${r.call ?? r.path}`);
	return `Harvest: ${JSON.stringify(harvest)}; counterpart: ${JSON.stringify(other)}`;
}

/** A change to the Harvest sandbox's data, as if made in Harvest. */
export async function harvestChange<T = Record<string, unknown>>(ctx: E2EContext, resource: string, action: 'create' | 'update' | 'delete', fields?: Record<string, unknown>, id?: number): Promise<T> {
	return (await examplesOf(ctx).sandbox.mutate(resource, action, fields, id)) as T;
}

/** A change made in the counterpart's own UI (through the stand-in's admin API: same rules, not logged as API traffic). */
export async function counterpartChange(ctx: E2EContext, name: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
	const response = await fetch(`${examplesOf(ctx).world.counterparts.info.origin}/__counterparts/${name}/call`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ method, path, body }),
	});
	const answer = (await response.json()) as Record<string, unknown>;
	assert.ok(response.ok, `${name} ${method} ${path}: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
	return answer;
}

export async function harvestList<T>(ctx: E2EContext, path: string, key: string): Promise<T[]> {
	const body = await examplesOf(ctx).sandbox.get<Record<string, T[]>>(`${path}${path.includes('?') ? '&' : '?'}per_page=2000`);
	return body[key];
}
