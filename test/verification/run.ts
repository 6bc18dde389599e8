// n8n's own verification tooling over this package, offline: `tsx test/verification/run.ts [--report file] [--only text]`.
// The packed tarball's contents, @n8n/scan-community-package's analysis (tarball and source legs), `n8n-node lint`
// in strict mode, `n8n-node build` against our build, the workflow files, and the release script. Needs
// `npm run build` first; no n8n server. Writes {"passed","failed"} to --report and ends with "N passed, N failed".
import fs from 'fs';
import path from 'path';

import { parseTierArgs } from '../e2e/args';
import { log } from '../e2e/env';
import { exitWith, finishRun, runCases, setupFailed, type Case, type CaseResult } from '../e2e/harness';
import { packPackage } from '../e2e/pack';
import { makeWorkDir, repoRoot } from '../e2e/paths';
import { runOk, stopAll } from '../e2e/proc';
import type { VerificationContext } from './context';
import { nodeCliCases } from './nodeCli';
import { releaseCases } from './release';
import { scannerCases } from './scanner';
import { supportedVersionCases } from './supportedVersions';
import { tarballCases } from './tarball';
import { workflowCases } from './workflows';

// One lane: the heavy cases (eslint, tsc) would only fight over the machine's cores side by side.
const allCases: Array<Case<VerificationContext>> = [
	...tarballCases,
	...supportedVersionCases,
	...workflowCases,
	...releaseCases,
	...scannerCases,
	...nodeCliCases,
];

async function main(): Promise<number> {
	const args = parseTierArgs(process.argv.slice(2));
	const started = Date.now();
	const workDir = makeWorkDir('harvestapp-verification-');
	const results: CaseResult[] = [];
	try {
		if (!fs.existsSync(path.join(repoRoot, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
		const pack = await packPackage(repoRoot, workDir);
		const unpacked = path.join(workDir, 'unpacked');
		fs.mkdirSync(unpacked);
		await runOk('tar', ['xzf', pack.tarball, '-C', unpacked, '--strip-components=1']);
		let n = 0;
		const ctx: VerificationContext = {
			pack,
			unpacked,
			scratch: (name) => {
				const dir = path.join(workDir, `${++n}-${name}`);
				fs.mkdirSync(dir, { recursive: true });
				return dir;
			},
		};
		log(`packed ${path.basename(pack.tarball)} (${pack.files.length} files)`);
		results.push(...(await runCases(allCases.filter((c) => !args.only || c.name.includes(args.only)), ctx)));
	} catch (error) {
		results.push(setupFailed('verification', error));
	} finally {
		await stopAll();
		fs.rmSync(workDir, { recursive: true, force: true });
	}
	return finishRun(results, { report: args.report, started });
}

exitWith(main);
