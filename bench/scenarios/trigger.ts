// 3. Trigger: our polling trigger's poll() run in this process against the sandbox, the way n8n calls it
// (a fresh context per poll, static data carried over through JSON). n8n has no built-in Harvest trigger.
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { HarvestAppTrigger } from '../../nodes/HarvestAppTrigger/HarvestAppTrigger.node';
import { WATCHED_RESOURCES } from '../../nodes/HarvestAppTrigger/resources';
import type { Sandbox } from '../../test/e2e/sandbox';
import { createPollContext } from '../../test/helpers/context';
import { BENCH, pagesFor } from '../config';
import type { ScenarioResult } from '../results';
import { DEFAULT_OVERLAP_SECONDS, SETTLE_SECONDS } from '../../nodes/HarvestAppTrigger/poller/plan';
import { between, createTimeEntries, lastWriteAt } from '../sandbox';

export const IDLE_SCENARIO = `trigger: idle poll (each of ${WATCHED_RESOURCES.length} resources)`;
export const BUSY_SCENARIO = 'trigger: poll after 5,000 changes';

const trigger = new HarvestAppTrigger();

interface PollRun {
	items: number;
	ms: number;
	/** total_entries of the first page the poll read: the k of ceil(k / 2000). */
	firstTotal?: number;
}

async function pollOnce(sandbox: Sandbox, parameters: IDataObject, staticData: IDataObject): Promise<PollRun> {
	const stored = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	const ctx = createPollContext({
		nodeType: trigger,
		parameters,
		staticData: stored,
		mode: 'trigger',
		credentials: {
			harvestAppApi: { accessToken: sandbox.info.token, accountId: String(sandbox.info.accountId), baseUrl: sandbox.info.url },
		},
	});
	let firstTotal: number | undefined;
	const send = ctx.helpers.httpRequestWithAuthentication;
	// Only observes the answers (to learn k); the request itself is unchanged.
	ctx.helpers.httpRequestWithAuthentication = async function (this: unknown, type: string, options: IHttpRequestOptions) {
		const response = (await send.call(this as never, type, options)) as IDataObject;
		const body = (response && typeof response === 'object' && 'body' in response ? response.body : response) as IDataObject | undefined;
		if (firstTotal === undefined && typeof body?.total_entries === 'number') firstTotal = body.total_entries;
		return response;
	} as typeof send;
	const started = performance.now();
	const result = await trigger.poll.call(ctx);
	const ms = Math.round(performance.now() - started);
	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, JSON.parse(JSON.stringify(stored)));
	return { items: result?.[0]?.length ?? 0, ms, firstTotal };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Every poll re-reads the last 60 s (the trigger's overlap, for records Harvest stamps late), so a poll is only
 * idle once the benchmark's own set-up writes are older than that. In a full run the listings already took longer.
 */
async function waitUntilSettled(sandbox: Sandbox, say: (line: string) => void): Promise<void> {
	const last = lastWriteAt(sandbox);
	if (last === undefined) return;
	const waitMs = last + (DEFAULT_OVERLAP_SECONDS + 2) * 1000 - performance.now();
	if (waitMs <= 0) return;
	say(`waiting ${Math.ceil(waitMs / 1000)} s until the set-up writes are older than the trigger's ${DEFAULT_OVERLAP_SECONDS} s overlap`);
	await new Promise((resolve) => setTimeout(resolve, waitMs));
}

export async function runTriggerScenarios(sandbox: Sandbox, say: (line: string) => void): Promise<ScenarioResult[]> {
	await waitUntilSettled(sandbox, say);
	const perResource: Record<string, { requests: number; ms: number; items: number }> = {};
	for (const resource of WATCHED_RESOURCES) {
		const parameters = { resource: resource.value, event: 'newOrUpdated', limit: 50 };
		const staticData: IDataObject = {};
		await pollOnce(sandbox, parameters, staticData); // activation: remembers "now", reports nothing
		await between(sandbox);
		const idle = await pollOnce(sandbox, parameters, staticData);
		perResource[resource.value] = { requests: (await sandbox.requests()).length, ms: idle.ms, items: idle.items };
	}
	const idleRequests = Object.values(perResource).map((r) => r.requests);
	const idleRow: ScenarioResult = {
		scenario: IDLE_SCENARIO,
		node: 'harvestApp',
		completed: Object.values(perResource).every((r) => r.items === 0),
		requests: Math.max(...idleRequests),
		expectedRequests: 1,
		status429: 0,
		wallMs: median(Object.values(perResource).map((r) => r.ms)),
		wallSource: 'in-process',
		items: 0,
		details: { perResource, totalRequests: idleRequests.reduce((a, b) => a + b, 0), wallIs: 'median over resources' },
	};
	say(`${IDLE_SCENARIO}: ${JSON.stringify(idleRequests)} requests`);

	const parameters = { resource: 'timeEntry', event: 'newOrUpdated', limit: BENCH.triggerChanges * 2 };
	const staticData: IDataObject = {};
	await pollOnce(sandbox, parameters, staticData);
	// The changes land a clear second after the activation's watermark.
	await new Promise((resolve) => setTimeout(resolve, 1100));
	await createTimeEntries(sandbox, BENCH.triggerChanges);
	// Changes from the last second before a read are held back until they are settled (SETTLE_SECONDS), so the
	// poll comes once the newest change is that old: it then reports all of them at once, as a poll a minute later would.
	await new Promise((resolve) => setTimeout(resolve, (SETTLE_SECONDS + 1) * 1000 + 100));
	await between(sandbox);
	const busy = await pollOnce(sandbox, parameters, staticData);
	const log = await sandbox.requests();
	const k = busy.firstTotal ?? busy.items;
	const busyRow: ScenarioResult = {
		scenario: BUSY_SCENARIO,
		node: 'harvestApp',
		completed: busy.items === BENCH.triggerChanges,
		requests: log.length,
		expectedRequests: pagesFor(k),
		status429: log.filter((e) => Number(e.status) === 429).length,
		wallMs: busy.ms,
		wallSource: 'in-process',
		items: busy.items,
		...(busy.items === BENCH.triggerChanges ? {} : { error: `${busy.items} of ${BENCH.triggerChanges} changes reported in this poll` }),
		details: { changes: BENCH.triggerChanges, recordsInWindow: k, event: 'newOrUpdated', resource: 'timeEntry' },
	};
	say(`${BUSY_SCENARIO}: ${log.length} requests for k=${k}, ${busy.items} items, ${busy.ms} ms`);
	return [idleRow, busyRow, ...[IDLE_SCENARIO, BUSY_SCENARIO].map(notApplicable)];
}

function notApplicable(scenario: string): ScenarioResult {
	return {
		scenario,
		node: 'builtin',
		completed: false,
		notApplicable: true,
		error: 'n8n has no built-in Harvest trigger node',
		requests: 0,
		status429: 0,
		wallMs: 0,
	};
}
