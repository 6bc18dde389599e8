import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { pollKey } from './pollGuard';

/**
 * Where the anchors of poller/anchor.ts live: in the workflow's global static data, under the node's id (n8n
 * saves it when activation ends, so a scheduled poll, on any main, reads it from the database), and in memory
 * here (a scheduled poll can start before that save has landed).
 */

/** Key of the anchors in the workflow's global static data: node id → the state a watch began with. */
export const ANCHORS_KEY = 'harvestAppTriggerStarts';

/** By `pollKey`: the workflow and the node. */
const inMemory = new Map<string, unknown>();

function nodeKey(ctx: IPollFunctions): string {
	const node = ctx.getNode();
	return node.id ?? node.name;
}

function saved(ctx: IPollFunctions): IDataObject | undefined {
	const anchors = ctx.getWorkflowStaticData('global')[ANCHORS_KEY];
	return anchors && typeof anchors === 'object' && !Array.isArray(anchors) ? (anchors as IDataObject) : undefined;
}

/** Every anchor this node has: the saved one and the one in memory. */
export function readAnchors(ctx: IPollFunctions): unknown[] {
	const found = [saved(ctx)?.[nodeKey(ctx)], inMemory.get(pollKey(ctx))];
	return found.filter((anchor) => anchor !== undefined);
}

/** Leaves the state a watch began with as this node's anchor (a copy: the node's state goes on changing). */
export function keepAnchor(ctx: IPollFunctions, began: unknown): void {
	const copy = JSON.parse(JSON.stringify(began)) as IDataObject;
	const global = ctx.getWorkflowStaticData('global');
	global[ANCHORS_KEY] = { ...(saved(ctx) ?? {}), [nodeKey(ctx)]: copy };
	inMemory.set(pollKey(ctx), copy);
}

export function dropAnchors(ctx: IPollFunctions): void {
	inMemory.delete(pollKey(ctx));
	const anchors = saved(ctx);
	if (!anchors || !(nodeKey(ctx) in anchors)) return;
	const global = ctx.getWorkflowStaticData('global');
	const rest = { ...anchors };
	delete rest[nodeKey(ctx)];
	if (Object.keys(rest).length) global[ANCHORS_KEY] = rest;
	else delete global[ANCHORS_KEY];
}

/** Forgets the anchors kept in memory, as a restart would (for tests). */
export function forgetAnchorsInProcess(): void {
	inMemory.clear();
}
