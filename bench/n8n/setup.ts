// One n8n 2.41.1 for the whole benchmark (the e2e harness's install and user folder): this checkout packed
// and installed as a community package, credentials and workflows imported through the CLI.
import fs from 'fs';
import path from 'path';

import { ensureRuntime, N8N_VERSION } from '../../test/e2e/env';
import { N8n } from '../../test/e2e/n8n';
import { installPackage, packPackage, type PackResult } from '../../test/e2e/pack';
import { repoRoot } from '../../test/e2e/paths';
import type { BenchWorkflow } from './workflows';

export interface BenchN8n {
	n8n: N8n;
	pack: PackResult;
	version: string;
}

const BUILT_NODE = path.join(repoRoot, 'dist', 'nodes', 'HarvestApp', 'HarvestApp.node.js');

/** dist/ as built; a build that is running right now (it empties dist/ first) gets two minutes to finish. */
export async function waitForDist(): Promise<void> {
	const deadline = Date.now() + 120_000;
	while (!fs.existsSync(BUILT_NODE)) {
		if (Date.now() > deadline) throw new Error('dist/ is missing: run `npm run build` first');
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
}

export async function prepareN8n(workDir: string, logFile: string): Promise<BenchN8n> {
	await waitForDist();
	const [runtime, pack] = await Promise.all([ensureRuntime(), packPackage(repoRoot, workDir)]);
	const n8n = new N8n(runtime, { userFolder: path.join(workDir, 'home'), logFile });
	await installPackage(pack, n8n.nodesDir);
	return { n8n, pack, version: N8N_VERSION };
}

export async function importAll(bench: BenchN8n, credentials: unknown[], workflows: BenchWorkflow[], workDir: string): Promise<void> {
	await bench.n8n.importCredentials(credentials, workDir);
	const file = path.join(workDir, 'workflows.json');
	fs.writeFileSync(file, JSON.stringify(workflows));
	await bench.n8n.importWorkflowFile(file);
}
