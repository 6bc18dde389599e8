import type { IDataObject, IPollFunctions } from 'n8n-workflow';

/**
 * Where the anchors of poller/anchor.ts live: in the workflow's global static data, under the node's id (n8n
 * saves it when activation ends, so a scheduled poll, on any main, reads it from the database), and in this
 * process (a scheduled poll can start before that save has landed).
 */

/** Key of the anchors in the workflow's global static data: node id → the state a watch began with. */
export const ANCHORS_KEY = 'harvestAppTriggerStarts';

const inProcess = new Map<string, unknown>();

function nodeKey(ctx: IPollFunctions): string {
	const node = ctx.getNode();
	return node.id ?? node.name;
}

function processKey(ctx: IPollFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}\u0000${nodeKey(ctx)}`;
}

function saved(ctx: IPollFunctions): IDataObject | undefined {
	const anchors = ctx.getWorkflowStaticData('global')[ANCHORS_KEY];
	return anchors && typeof anchors === 'object' && !Array.isArray(anchors) ? (anchors as IDataObject) : undefined;
}

/** Every anchor this node has, saved or in this process. */
export function readAnchors(ctx: IPollFunctions): unknown[] {
	const found = [saved(ctx)?.[nodeKey(ctx)], inProcess.get(processKey(ctx))];
	return found.filter((anchor) => anchor !== undefined);
}

/** Leaves the state a watch began with as this node's anchor (a copy: the node's state goes on changing). */
export function keepAnchor(ctx: IPollFunctions, began: unknown): void {
	const copy = JSON.parse(JSON.stringify(began)) as IDataObject;
	const global = ctx.getWorkflowStaticData('global');
	global[ANCHORS_KEY] = { ...(saved(ctx) ?? {}), [nodeKey(ctx)]: copy };
	inProcess.set(processKey(ctx), copy);
}

export function dropAnchors(ctx: IPollFunctions): void {
	inProcess.delete(processKey(ctx));
	const anchors = saved(ctx);
	if (!anchors || !(nodeKey(ctx) in anchors)) return;
	const global = ctx.getWorkflowStaticData('global');
	const rest = { ...anchors };
	delete rest[nodeKey(ctx)];
	if (Object.keys(rest).length) global[ANCHORS_KEY] = rest;
	else delete global[ANCHORS_KEY];
}

/** Forgets the anchors kept in this process, as a restart would (for tests). */
export function forgetAnchorsInProcess(): void {
	inProcess.clear();
}
