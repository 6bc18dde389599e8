// The machine a run was measured on, for the results and the README.
import os from 'os';

import { N8N_VERSION, NODE_VERSION } from '../test/e2e/env';
import type { BenchResults } from './results';

export function machine(): BenchResults['machine'] {
	const cpus = os.cpus();
	return {
		cpus: cpus.length,
		cpuModel: (cpus[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
		memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
		node: process.version,
		n8nNode: NODE_VERSION,
		n8n: N8N_VERSION,
		platform: `${os.type()} ${os.arch()}`,
	};
}
