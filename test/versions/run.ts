// The version smokes: `tsx test/versions/run.ts [--report file] [--only text] [--keep]`.
// The packed package in each n8n version the README promises (test/e2e/env.ts names them), all against one
// sandbox, each version in its own n8n server and lane, the lanes at once. Writes {"passed","failed"} to
// --report and ends with an "N passed, N failed" line.
import fs from 'fs';
import path from 'path';

import { parseTierArgs } from '../e2e/args';
import { log, runtimeIsCached, SUPPORTED_RUNTIMES } from '../e2e/env';
import { exitWith, finishRun, registerSecrets, runCases, setupFailed, tidyUp, type CaseResult } from '../e2e/harness';
import { packPackage } from '../e2e/pack';
import { makeWorkDir, repoRoot } from '../e2e/paths';
import { TEST_OWNER } from '../e2e/rest';
import { Sandbox } from '../e2e/sandbox';
import { smokeCases, type SmokeContext } from './smoke';

const logsDir = path.join(__dirname, 'artifacts');

/** Runs at most `size` of the given jobs at a time. */
function slots(size: number) {
	let free = size;
	const waiting: Array<() => void> = [];
	return async <T>(fn: () => Promise<T>): Promise<T> => {
		if (free === 0) await new Promise<void>((resolve) => waiting.push(resolve));
		else free--;
		try {
			return await fn();
		} finally {
			const next = waiting.shift();
			if (next) next();
			else free++;
		}
	};
}

async function main(): Promise<number> {
	const args = parseTierArgs(process.argv.slice(2));
	const started = Date.now();
	const results: CaseResult[] = [];
	fs.rmSync(logsDir, { recursive: true, force: true });
	fs.mkdirSync(logsDir, { recursive: true });
	const workDir = makeWorkDir('harvestapp-versions-');
	let sandbox: Sandbox | undefined;
	const ctx: Partial<SmokeContext> = { instances: new Map(), workDir, logsDir, installSlot: slots(2), startSlot: slots(1) };
	try {
		if (!fs.existsSync(path.join(repoRoot, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
		const cold = SUPPORTED_RUNTIMES.filter((spec) => !runtimeIsCached(spec)).map((spec) => spec.n8n);
		if (cold.length) log(`installing n8n ${cold.join(', ')} on first use (about 5 minutes each, two at a time)`);
		const [pack, smokeSandbox] = await Promise.all([
			packPackage(repoRoot, workDir),
			Sandbox.start({ seed: 16, records: 50, logFile: path.join(logsDir, 'sandbox.log') }),
		]);
		sandbox = smokeSandbox;
		registerSecrets(sandbox.info.token, TEST_OWNER.password);
		Object.assign(ctx, { pack, sandbox });
		log(`versions: ${SUPPORTED_RUNTIMES.map((s) => `n8n ${s.n8n} on Node ${s.node}`).join('; ')}`);
		const cases = SUPPORTED_RUNTIMES.flatMap((spec) => smokeCases(spec)).filter((c) => !args.only || c.name.includes(args.only));
		results.push(...(await runCases(cases, ctx as SmokeContext)));
	} catch (error) {
		results.push(setupFailed('version smoke', error));
	} finally {
		await Promise.all([...(ctx.instances?.values() ?? [])].map((i) => i.n8n.stopServer().catch(() => undefined)));
		await sandbox?.close().catch(() => undefined);
		await tidyUp({ logsDir, workDir, keep: args.keep });
	}
	return finishRun(results, { report: args.report, started, note: `logs in ${path.relative(repoRoot, logsDir)}/` });
}

exitWith(main);
