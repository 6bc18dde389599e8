// The trigger, activated (point 2): n8n polls on its own schedule while the test changes the sandbox's time
// entries between polls; afterwards every change must be in exactly one execution, and none twice.
// n8n refuses sub-minute cron expressions, but accepts several fixed-second poll times: the fixture has twelve,
// one every 5 seconds.
import assert from 'assert/strict';

import { SETTLE_SECONDS } from '../../../nodes/HarvestAppTrigger/poller/plan';
import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { sleep } from '../n8n';
import type { Sandbox } from '../sandbox';

const WORKFLOW = 'e2eTriggerTime01';
const DELETED_WORKFLOW = 'e2eTriggerDele01';
const PAID_WORKFLOW = 'e2eTriggerPaid01';
const TRIGGER = 'Harvest App Trigger';
const WATCHED = '/v2/time_entries';
const INVOICES = '/v2/invoices';

interface Version {
	id: number;
	updated_at: string;
}

/**
 * Waits until n8n's next poll has read the watched list (the sandbox logs a request once it has answered), and,
 * with `notBefore`, one that read it at or after that time.
 */
async function nextPoll(sandbox: Sandbox, afterSeq: number, timeoutMs = 40_000, path = WATCHED, notBefore = 0): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const reads = (await sandbox.requests()).filter(
			(r) => r.method === 'GET' && r.path === path && Number(r.seq) > afterSeq && Date.parse(String(r.time)) >= notBefore,
		);
		if (reads.length) {
			// A poll may read several pages (and look records up); let it finish before changing data again.
			await sleep(1200);
			const all = await sandbox.requests();
			return Math.max(...all.map((r) => Number(r.seq)));
		}
		if (Date.now() > deadline) throw new Error(`n8n did not poll within ${timeoutMs / 1000} s`);
		await sleep(250);
	}
}

/**
 * Waits for a poll that reads the changes once their second is over on the server's clock: the trigger reports
 * a version only then (SETTLE_SECONDS), so a version younger than that at a poll waits for the next one.
 */
async function settledPoll(sandbox: Sandbox, afterSeq: number, changes: Version[]): Promise<number> {
	const newest = Math.max(...changes.map((v) => Date.parse(v.updated_at)));
	const settledAt = newest + (SETTLE_SECONDS + 1) * 1000;
	let seq = afterSeq;
	for (let polls = 0; polls < 6; polls++) {
		const before = seq;
		seq = await nextPoll(sandbox, seq);
		const reads = (await sandbox.requests()).filter((r) => r.path === WATCHED && Number(r.seq) > before);
		if (reads.some((r) => Date.parse(String(r.time)) >= settledAt)) return seq;
	}
	throw new Error('no poll read the changes after their second was over');
}

async function change(sandbox: Sandbox, action: 'create' | 'update', fields: Record<string, unknown>, id?: number): Promise<Version> {
	const record = (await sandbox.mutate('time_entries', action, fields, id)) as Record<string, unknown> & { record?: Version };
	const version = (record.record ?? record) as Version;
	assert.ok(version.id && version.updated_at, `sandbox mutate returned ${JSON.stringify(record).slice(0, 200)}`);
	return { id: Number(version.id), updated_at: String(version.updated_at) };
}

function key(v: Version): string {
	return `${v.id}@${v.updated_at}`;
}

/** Every item the trigger emitted in a workflow's trigger executions, oldest execution first. */
async function emitted(rest: E2EContext['rest'], workflowId: string): Promise<{ executions: number; items: Array<Record<string, unknown>> }> {
	const summaries = (await rest.executions(workflowId)).filter((e) => e.mode === 'trigger').reverse();
	const items: Array<Record<string, unknown>> = [];
	for (const summary of summaries) {
		const execution = await rest.execution(summary.id);
		assert.equal(execution.status, 'success', `execution ${summary.id}: ${execution.error?.message}`);
		const runs = execution.runData[TRIGGER] as Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>;
		for (const item of runs?.[0]?.data?.main?.[0] ?? []) items.push(item.json);
	}
	return { executions: summaries.length, items };
}

/** Polls of both event workflows that read their lists once the last writes' second was over. */
async function settledPolls(sandbox: Sandbox, afterSeq: number): Promise<number> {
	const notBefore = Date.now() + (SETTLE_SECONDS + 1) * 1000;
	const seq = await nextPoll(sandbox, afterSeq, 40_000, WATCHED, notBefore);
	return Math.max(seq, await nextPoll(sandbox, afterSeq, 40_000, INVOICES, notBefore));
}

export const triggerCases: Array<Case<E2EContext>> = [
	{
		name: 'trigger: activated in n8n, polling on its schedule — every change once, nothing twice',
		lane: 'trigger',
		timeoutMs: 240_000,
		run: async ({ rest, triggerSandbox: sandbox }) => {
			const workflow = await rest.call<{ versionId: string }>('GET', `/rest/workflows/${WORKFLOW}`);
			let seq = Math.max(0, ...(await sandbox.requests()).map((r) => Number(r.seq)));
			await rest.call('POST', `/rest/workflows/${WORKFLOW}/activate`, { versionId: workflow.versionId });
			const expected: Version[] = [];
			try {
				// Activation polls at once: it fixes where watching starts, so nothing before it is reported.
				seq = await nextPoll(sandbox, seq);
				const a = await change(sandbox, 'create', { notes: 'e2e trigger A' });
				const b = await change(sandbox, 'create', { notes: 'e2e trigger B' });
				expected.push(a, b);
				seq = await settledPoll(sandbox, seq, [a, b]);
				const round2 = [
					await change(sandbox, 'update', { notes: 'e2e trigger A, second version' }, a.id),
					await change(sandbox, 'create', { notes: 'e2e trigger C' }),
				];
				expected.push(...round2);
				seq = await settledPoll(sandbox, seq, round2);
				const round3 = [
					await change(sandbox, 'update', { notes: 'e2e trigger B, second version' }, b.id),
					await change(sandbox, 'update', { notes: 'e2e trigger A, third version' }, a.id),
					await change(sandbox, 'create', { notes: 'e2e trigger D' }),
				];
				expected.push(...round3);
				seq = await settledPoll(sandbox, seq, round3);
				// One more poll with nothing new: it must not start an execution or repeat anything.
				seq = await nextPoll(sandbox, seq);
			} finally {
				await rest.call('POST', `/rest/workflows/${WORKFLOW}/deactivate`, {}).catch(() => undefined);
			}

			const summaries = (await rest.executions(WORKFLOW)).filter((e) => e.mode === 'trigger');
			const seen: Version[] = [];
			for (const summary of summaries.reverse()) {
				const execution = await rest.execution(summary.id);
				assert.equal(execution.status, 'success', `execution ${summary.id}: ${execution.error?.message}`);
				const runs = execution.runData[TRIGGER] as Array<{ data?: { main?: Array<Array<{ json: Version }>> } }>;
				for (const item of runs?.[0]?.data?.main?.[0] ?? []) seen.push({ id: item.json.id, updated_at: item.json.updated_at });
			}
			const seenKeys = seen.map(key);
			const duplicates = seenKeys.filter((k, i) => seenKeys.indexOf(k) !== i);
			assert.deepEqual(duplicates, [], 'changes reported twice');
			assert.deepEqual([...seenKeys].sort(), expected.map(key).sort(), 'reported changes ≠ changes made');
			// Each round is reported by one or two executions (part of a round can still be in its second at a poll).
			assert.ok(summaries.length >= 3 && summaries.length <= 6, `${summaries.length} executions for 3 rounds of changes`);
		},
	},
	{
		name: 'trigger: polls slower than the poll interval never overlap — each change reported once',
		lane: 'trigger',
		timeoutMs: 240_000,
		run: async ({ rest, triggerSandbox: sandbox, serverLog }) => {
			// Every answer takes 8 s, while n8n starts a poll every 5 s: without a guard, polls overlap and report
			// the same changes twice (and n8n loses the expression isolate of one to the other).
			const latencyMs = 8000;
			const workflow = await rest.call<{ versionId: string }>('GET', `/rest/workflows/${WORKFLOW}`);
			const logBefore = serverLog().length;
			let seq = Math.max(0, ...(await sandbox.requests()).map((r) => Number(r.seq)));
			await sandbox.admin('POST', '/faults', { latencyMs });
			const created: Version[] = [];
			try {
				await rest.call('POST', `/rest/workflows/${WORKFLOW}/activate`, { versionId: workflow.versionId });
				seq = await nextPoll(sandbox, seq);
				// Three creations in one second, in one admin call.
				const batch = await sandbox.admin<{ results: Array<{ status: number; body: Version & { record?: Version } }> }>('POST', '/mutate/batch', {
					operations: [1, 2, 3].map((n) => ({ resource: 'time_entries', action: 'create', fields: { notes: `e2e slow poll ${n}` } })),
				});
				for (const { body } of batch.results) {
					const version = body.record ?? body;
					created.push({ id: Number(version.id), updated_at: String(version.updated_at) });
				}
				// Long enough for the changes to settle and for several polls (and skipped ticks) after them.
				await sleep(45_000);
			} finally {
				await rest.call('POST', `/rest/workflows/${WORKFLOW}/deactivate`, {}).catch(() => undefined);
				await sandbox.admin('DELETE', '/faults').catch(() => undefined);
			}

			const ids = new Set(created.map((c) => c.id));
			const seen: string[] = [];
			for (const summary of (await rest.executions(WORKFLOW)).filter((e) => e.mode === 'trigger')) {
				const execution = await rest.execution(summary.id);
				const runs = execution.runData[TRIGGER] as Array<{ data?: { main?: Array<Array<{ json: Version }>> } }>;
				for (const item of runs?.[0]?.data?.main?.[0] ?? []) if (ids.has(item.json.id)) seen.push(key(item.json));
			}
			assert.deepEqual(seen.sort(), created.map(key).sort(), 'each created entry reported exactly once');
			const reads = (await sandbox.requests()).filter((r) => r.method === 'GET' && r.path === WATCHED && Number(r.seq) > seq);
			const arrivals = reads.map((r) => Date.parse(String(r.time))).sort((a, b) => a - b);
			const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]);
			assert.ok(arrivals.length >= 3, `only ${arrivals.length} polls read the list in 45 s`);
			// A read starts only after the previous poll's answer came back.
			assert.ok(Math.min(...gaps) >= latencyMs - 500, `two polls overlapped: reads ${gaps.join(', ')} ms apart`);

			assert.doesNotMatch(serverLog().slice(logBefore), /No bridge acquired/, 'n8n lost an expression isolate');
		},
	},
	{
		name: 'trigger: events — a deleted time entry once, "invoice paid" once, nothing for a later edit of the paid invoice',
		lane: 'trigger',
		timeoutMs: 300_000,
		run: async ({ rest, triggerSandbox: sandbox }) => {
			const workflows = [DELETED_WORKFLOW, PAID_WORKFLOW];
			let seq = Math.max(0, ...(await sandbox.requests()).map((r) => Number(r.seq)));
			for (const id of workflows) {
				const workflow = await rest.call<{ versionId: string }>('GET', `/rest/workflows/${id}`);
				await rest.call('POST', `/rest/workflows/${id}/activate`, { versionId: workflow.versionId });
			}
			let entryId = 0;
			let invoiceId = 0;
			try {
				// Activation lists every time entry and invoice there is: the memory deletions and changes are judged by.
				seq = await settledPolls(sandbox, seq);
				entryId = Number((await sandbox.mutate('time_entries', 'create', { notes: 'e2e, deleted later' })).id);
				invoiceId = Number((await sandbox.mutate('invoices', 'create', { subject: 'e2e, paid later' })).id);
				const sent = await sandbox.api('POST', `/invoices/${invoiceId}/messages`, { event_type: 'send' });
				assert.equal(sent.status, 201, `send: ${JSON.stringify(sent.body)}`);
				// Both watches see the new records (the entry, the invoice as open) before they change.
				seq = await settledPolls(sandbox, seq);
				const invoice = await sandbox.get<{ due_amount: number; state: string }>(`/invoices/${invoiceId}`);
				assert.equal(invoice.state, 'open');
				const paid = await sandbox.api('POST', `/invoices/${invoiceId}/payments`, { amount: invoice.due_amount });
				assert.equal(paid.status, 201, `payment: ${JSON.stringify(paid.body)}`);
				await sandbox.mutate('time_entries', 'delete', {}, entryId);
				seq = await settledPolls(sandbox, seq);
				seq = await settledPolls(sandbox, seq);
				// An edit of the paid invoice that leaves its state alone: no event.
				const edited = await sandbox.api('PATCH', `/invoices/${invoiceId}`, { notes: 'Thank you for paying' });
				assert.equal(edited.status, 200, `edit: ${JSON.stringify(edited.body)}`);
				seq = await settledPolls(sandbox, seq);
				seq = await settledPolls(sandbox, seq);
			} finally {
				for (const id of workflows) await rest.call('POST', `/rest/workflows/${id}/deactivate`, {}).catch(() => undefined);
			}

			const deletions = await emitted(rest, DELETED_WORKFLOW);
			assert.deepEqual(
				deletions.items.map((item) => [item.event, item.id]),
				[['deleted', entryId]],
				'the deleted time entry, reported once',
			);
			assert.equal((deletions.items[0].last_seen as { notes?: string } | null)?.notes, 'e2e, deleted later', 'last_seen is the entry as the trigger saw it');
			const changes = await emitted(rest, PAID_WORKFLOW);
			assert.deepEqual(
				changes.items.map((item) => [item.event, item.id, item.field, item.previous, item.current]),
				[['changed', invoiceId, 'state', 'open', 'paid']],
				'"invoice paid" once, and nothing for the edit afterwards',
			);
			assert.equal(changes.executions, 1, 'one execution for the paid invoice, none for its edit');
		},
	},
];

