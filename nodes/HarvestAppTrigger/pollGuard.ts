import type { IPollFunctions } from 'n8n-workflow';

/**
 * One poll at a time per trigger node. n8n starts the next poll on schedule even while the previous one still
 * runs (a slow Harvest, long reads, 429 waits); two polls would then read the same saved state and report the
 * same changes twice. n8n offers no guard of its own (see docs/architecture.md), so a poll that finds another
 * poll of its node running in this process ends at once, touching nothing: the next poll reads on from the
 * saved state, so nothing is lost.
 *
 * The claim lives in this process, which is where overlapping polls of one node run under n8n's legacy scheduler
 * (the main, or the multi-main leader) and under its durable scheduler with one main. With several mains the
 * durable scheduler can run two occurrences on two mains; there only poll times further apart than
 * N8N_SCHEDULER_POLL_TIMEOUT keep them apart (see docs/architecture.md, "One poll at a time").
 */

/** A poll that never ended (it cannot, short of a bug: every request times out) stops blocking after this. */
export const POLL_LEASE_MS = 60 * 60_000;

const running = new Map<string, number>();

/** Which trigger node a poll belongs to, across the polls n8n starts for it. */
export function pollKey(ctx: IPollFunctions): string {
	const node = ctx.getNode();
	return `${ctx.getWorkflow().id ?? ''}\u0000${node.id ?? node.name}`;
}

/** Claims the node for one poll; false when another poll of it is running (and its lease has not run out). */
export function claimPoll(key: string, now: number): boolean {
	const since = running.get(key);
	if (since !== undefined && now - since < POLL_LEASE_MS) return false;
	running.set(key, now);
	return true;
}

export function releasePoll(key: string, claimedAt: number): void {
	// A poll whose lease ran out and was taken over must not release its successor's claim.
	if (running.get(key) === claimedAt) running.delete(key);
}
