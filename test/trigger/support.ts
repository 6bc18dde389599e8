/** Shared pieces of the trigger's node-level tests: one poll the way n8n runs it, against the sandbox. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { HarvestAppTrigger } from '../../nodes/HarvestAppTrigger/HarvestAppTrigger.node';
import { STATE_KEY } from '../../nodes/HarvestAppTrigger/poll';
import type { WatchState } from '../../nodes/HarvestAppTrigger/poller/state';
import { createPollContext, sandboxCredentials, type TestPollContext } from '../helpers/context';
import type { Sandbox } from '../sandbox';

export const trigger = new HarvestAppTrigger();

export interface PollOutcome {
	items: INodeExecutionData[] | null;
	/** Requests the sandbox received during this poll. */
	requests: Array<{ path: string; query: Record<string, string> }>;
	ctx: TestPollContext;
}

export interface PollSetup {
	mode?: 'trigger' | 'manual';
	/** Runs around every HTTP request of the poll (to shrink pages or change data between pages). */
	wrap?: (send: () => Promise<unknown>, options: IDataObject) => Promise<unknown>;
	/** The workflow's time zone (n8n's default is the instance's; the test context's is UTC). */
	timezone?: string;
	/** n8n's activation mode for the poll: "activate" at activation, "update" for the durable scheduler's ticks. */
	activationMode?: 'activate' | 'update' | 'init';
	/** The workflow's global static data, carried over like the node's (left empty when not given). */
	globalStaticData?: IDataObject;
}

/**
 * One poll in a fresh context, as a queue-mode worker would run it: the only thing carried over is the static
 * data, and it goes through JSON like n8n's database does.
 */
export async function pollOnce(
	sandbox: Sandbox,
	parameters: IDataObject,
	staticData: IDataObject,
	setup: PollSetup = {},
): Promise<PollOutcome> {
	const stored = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	const storedGlobal = JSON.parse(JSON.stringify(setup.globalStaticData ?? {})) as IDataObject;
	const ctx = createPollContext({
		nodeType: trigger,
		parameters,
		staticData: stored,
		globalStaticData: storedGlobal,
		activationMode: setup.activationMode,
		mode: setup.mode ?? 'trigger',
		credentials: sandboxCredentials(sandbox),
	});
	if (setup.timezone) {
		const zone = setup.timezone;
		ctx.getTimezone = () => zone;
	}
	if (setup.wrap) {
		const send = ctx.helpers.httpRequestWithAuthentication;
		const wrap = setup.wrap;
		ctx.helpers.httpRequestWithAuthentication = async function (this: unknown, type: string, options: IDataObject) {
			return await wrap(() => send.call(this as never, type, options as never), options);
		} as never;
	}
	const seqBefore = lastSeq(sandbox);
	const result = await trigger.poll.call(ctx);
	if ((setup.mode ?? 'trigger') === 'trigger') {
		for (const key of Object.keys(staticData)) delete staticData[key];
		Object.assign(staticData, JSON.parse(JSON.stringify(stored)));
		const global = setup.globalStaticData;
		if (global) {
			for (const key of Object.keys(global)) delete global[key];
			Object.assign(global, JSON.parse(JSON.stringify(storedGlobal)));
		}
	}
	const requests = sandbox.log
		.entries()
		.filter((entry) => entry.seq > seqBefore)
		.map((entry) => ({ path: entry.path, query: entry.query }));
	return { items: result ? result[0] : null, requests, ctx };
}

function lastSeq(sandbox: Sandbox): number {
	const entries = sandbox.log.entries();
	return entries.length ? entries[entries.length - 1].seq : 0;
}

export function stateOf(staticData: IDataObject): WatchState | undefined {
	return staticData[STATE_KEY] as WatchState | undefined;
}

export const ids = (items: INodeExecutionData[] | null) => (items ?? []).map((item) => Number(item.json.id));
