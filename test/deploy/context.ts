// What every deploy case gets: the queue-mode cluster, n8n's records (Postgres, Redis), the sandboxes, and a place
// to put the numbers the run reports (artifacts/results.json).
import type { E2EContext } from '../e2e/context';
import type { Sandbox } from '../e2e/sandbox';
import type { QueueCluster } from './cluster';
import type { N8nData } from './inspect';
import type { Tap } from './tap';

export interface DeployContext extends E2EContext {
	cluster: QueueCluster;
	data: N8nData;
	/** Only the bulk creates use it, so its rate-limit window and request log are theirs alone. */
	bulkSandbox: Sandbox;
	/** Watched by the trigger workflows of the randomized and crash runs, through `tap`. */
	crashSandbox: Sandbox;
	/** In front of crashSandbox: when each request arrived and was answered. */
	tap: Tap;
	/** Seed of every random choice of the run (edits, kill points); printed, and replayable with HARVESTAPP_DEPLOY_SEED. */
	seed: number;
	logsDir: string;
	/** Measured numbers, by case, written to artifacts/results.json. */
	results: Record<string, unknown>;
}
