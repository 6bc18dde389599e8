// Bulk creates across workers, one Harvest account: several workflows of N creates each, started at once, then
// read back from the sandbox. The deploy tier's bulk case checks the outcome; the benchmark's queue part reports it.
import { workTarget } from '../../bench/sandbox';
import { GENERAL_LIMIT } from '../../nodes/shared/transport/governor';
import { nodeItems, type ExecutionResult } from '../e2e/n8n';
import type { Rest } from '../e2e/rest';
import type { Sandbox } from '../e2e/sandbox';
import { notesCount, requestSpan } from './checks';
import { bulkNotePrefix, bulkWorkflow } from './workflows';

/** The fastest n requests can go through one account: n / 100 windows of 15 s. */
export function floorMs(requests: number): number {
	return (requests / GENERAL_LIMIT.limit) * GENERAL_LIMIT.windowMs;
}

export interface BulkOutcome {
	executionIds: string[];
	results: ExecutionResult[];
	/** Items out of each workflow's Create node. */
	itemsOut: number[];
	/** Per workflow: item numbers the sandbox lacks, and those it holds more than once. */
	missing: number[][];
	twice: number[][];
	/** POSTs of time entries the sandbox answered, 429s among them, first arrival to last answer. */
	requests: number;
	status429: number;
	wallMs: number;
	floorMs: number;
	/** [ms after the first request, status] of every create, for a closer look at the 429s. */
	timeline: Array<[number, unknown]>;
}

/**
 * Creates `workflows` workflows of `items` creates each (ids from `idPrefix`, notes tagged with `runTag`), clears
 * the sandbox's request log and rate-limit windows, starts them all at once and waits for them.
 */
export async function runBulk(
	rest: Rest,
	sandbox: Sandbox,
	credential: { id: string; name: string },
	options: { runTag: string; idPrefix: string; workflows: number; items: number; timeoutMs?: number },
): Promise<BulkOutcome> {
	const target = { ...(await workTarget(sandbox)), spentDate: new Date().toISOString().slice(0, 10) };
	const tags = Array.from({ length: options.workflows }, (_, i) => `${options.runTag}-${i + 1}`);
	// n8n's workflow ids are 16 characters: the prefix fills 14, the workflow's number the last 2.
	const ids = tags.map((_, i) => `${options.idPrefix.padEnd(14, '0').slice(0, 14)}${String(i + 1).padStart(2, '0')}`);
	for (const [i, tag] of tags.entries()) await rest.call('POST', '/rest/workflows', bulkWorkflow(ids[i], tag, options.items, target, credential));
	await sandbox.clearRequests();
	await sandbox.admin('DELETE', '/rate-limits');

	const executionIds = await Promise.all(ids.map((id) => rest.runWorkflow(id, 'Start')));
	const results = await Promise.all(executionIds.map((id) => rest.waitForExecution(id, options.timeoutMs ?? 18 * 60_000)));
	const log = (await sandbox.requests()).filter((r) => r.method === 'POST' && r.path === '/v2/time_entries');
	const span = requestSpan(log);
	const first = Date.parse(String(log[0]?.time));
	const missing: number[][] = [];
	const twice: number[][] = [];
	for (const tag of tags) {
		const counts = await notesCount(sandbox, bulkNotePrefix(tag));
		missing.push(Array.from({ length: options.items }, (_, i) => i + 1).filter((n) => !counts.has(n)));
		twice.push([...counts].filter(([, c]) => c > 1).map(([n]) => n));
	}
	return {
		executionIds,
		results,
		itemsOut: results.map((r) => nodeItems(r, 'Create').length),
		missing,
		twice,
		...span,
		floorMs: floorMs(options.workflows * options.items),
		timeline: log.map((r) => [Date.parse(String(r.time)) - first, r.status]),
	};
}
