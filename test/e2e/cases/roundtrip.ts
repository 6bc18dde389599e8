// Actions (point 1): one workflow per resource group doing create → get → update → list → delete, run in
// n8n through the REST API, then checked against the sandbox's own state and request log.
import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeError, nodeItems, type ExecutionResult } from '../n8n';
import type { SandboxRequest } from '../sandbox';

type Json = Record<string, unknown>;

/** `actual` has every value of `expected` (recursively for objects). */
export function assertSubset(actual: unknown, expected: Json, label: string): void {
	for (const [key, want] of Object.entries(expected)) {
		const got = (actual as Json | undefined)?.[key];
		if (want && typeof want === 'object' && !Array.isArray(want)) assertSubset(got, want as Json, `${label}.${key}`);
		else assert.deepEqual(got, want, `${label}.${key}`);
	}
}

/** The run's error, naming the node that failed. */
export function failure(result: ExecutionResult): string {
	const failed = Object.keys(result.runData).find((name) => nodeError(result, name));
	if (failed) return `node "${failed}": ${nodeError(result, failed)}`;
	return String(result.error?.message ?? result.status);
}

export async function runOk(ctx: E2EContext, workflow: string): Promise<{ result: ExecutionResult; requests: SandboxRequest[] }> {
	const before = Math.max(0, ...(await ctx.sandbox.requests()).map((r) => Number(r.seq)));
	const result = await ctx.rest.runAndWait(workflow);
	assert.equal(result.status, 'success', failure(result));
	const requests = (await ctx.sandbox.requests()).filter((r) => Number(r.seq) > before);
	return { result, requests };
}

/** `wanted` appears in order within `log` (other cases' requests may sit in between). */
export function assertSequence(log: SandboxRequest[], wanted: string[]): void {
	const lines = log.map((r) => `${r.method} ${r.path} ${r.status}`);
	let at = 0;
	for (const line of lines) if (at < wanted.length && line === wanted[at]) at++;
	assert.equal(at, wanted.length, `requests in order:\n  ${wanted.join('\n  ')}\nmissing from:\n  ${lines.join('\n  ')}`);
}

export interface RoundTripSpec {
	workflow: string;
	/** Shown in the case name. */
	title: string;
	/** The API collection below /v2, e.g. '/clients'; a function when it depends on records made in the run. */
	collection: string | ((result: ExecutionResult) => string);
	created: Json;
	updated: Json;
}

export function roundTrip(spec: RoundTripSpec): Case<E2EContext> {
	return {
		name: `actions: ${spec.title} — create → get → update → list → delete`,
		lane: 'actions',
		run: async (ctx) => {
			const { result, requests } = await runOk(ctx, spec.workflow);
			const [created] = nodeItems(result, 'Create');
			assert.ok(created?.id, 'Create returned no record');
			assertSubset(created, spec.created, 'Create');
			assert.equal(nodeItems(result, 'Get')[0]?.id, created.id, 'Get returned another record');
			const [updated] = nodeItems(result, 'Update');
			assert.equal(updated?.id, created.id, 'Update returned another record');
			assertSubset(updated, spec.updated, 'Update');
			const listed = nodeItems(result, 'List').find((item) => item.id === created.id);
			assert.ok(listed, 'List did not return the record');
			assertSubset(listed, spec.updated, 'List');
			assert.equal(nodeItems(result, 'Delete').length, 1, 'Delete ran once');

			const collection = typeof spec.collection === 'function' ? spec.collection(result) : spec.collection;
			const item = `${collection}/${created.id}`;
			const after = await ctx.sandbox.api('GET', item);
			assert.equal(after.status, 404, `the sandbox still has ${item}`);
			assertSequence(requests, [
				`POST /v2${collection} 201`,
				`GET /v2${item} 200`,
				`PATCH /v2${item} 200`,
				`GET /v2${collection} 200`,
				`DELETE /v2${item} 200`,
			]);
		},
	};
}
