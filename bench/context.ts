// What the n8n scenarios share.
import type { N8n } from '../test/e2e/n8n';
import type { Sandbox } from '../test/e2e/sandbox';
import type { Network } from './network';

export interface BenchContext {
	n8n: N8n;
	/** Harvest's limits, 50 ms latency: every scenario runs here. */
	sandbox: Sandbox;
	/** Same data and latency without rate limits: the built-in node's listing when nothing stops it. */
	freeSandbox: Sandbox;
	/** BENCH.modelEntries' largest count of time entries, with Harvest's limits (the latency-model listings only). */
	largeSandbox?: Sandbox;
	network: Network;
	/** Where each `n8n execute` writes its output. */
	outputDir: string;
	say: (line: string) => void;
}
