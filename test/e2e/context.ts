// What every e2e case gets: the running n8n (REST session), the sandboxes and the run's scratch space.
import type { Runtime } from './env';
import type { ExampleWorld } from './examples';
import type { N8n } from './n8n';
import type { PackResult } from './pack';
import type { Rest } from './rest';
import type { Sandbox } from './sandbox';

export interface E2EContext {
	runtime: Runtime;
	n8n: N8n;
	rest: Rest;
	/** The sandbox most workflows use (seeded demo data). */
	sandbox: Sandbox;
	/** A separate sandbox only the activated trigger watches, so other cases' writes cannot disturb it. */
	triggerSandbox: Sandbox;
	/** The sandbox the example workflows work in, and their counterparts' stand-ins with the demo seed (the e2e tier only; read them with `examplesOf`). */
	examplesSandbox?: Sandbox;
	world?: ExampleWorld;
	pack: PackResult;
	workDir: string;
	/** Path of the Chromium binary (installed on first use). */
	chromium: Promise<string>;
	/** Fixture credential id (credentials.ts) → the id n8n gave it. */
	credentialIds: Record<string, string>;
	/** n8n's server log up to now. */
	serverLog: () => string;
}
