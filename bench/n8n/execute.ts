// `n8n execute --id` in its own process group, watched from outside: wall time of the process, its memory,
// and the run data it prints. Wraps the e2e harness's N8n (which runs the CLI but keeps the pid to itself).
// Output goes to a file, not a pipe: n8n exits right after printing, and a pipe would lose the tail of a
// large result.
import fs from 'fs';
import path from 'path';

import { freePort, parseExecuteOutput, type ExecutionResult, type N8n } from '../../test/e2e/n8n';
import { start, stop } from '../../test/e2e/proc';
import { sampleRss } from './rss';

export interface MeasuredRun {
	exitCode: number | null;
	result: ExecutionResult;
	/** The process's stdout and stderr. */
	outputFile: string;
	processMs: number;
	peakRssMb?: number;
	treePeakRssMb?: number;
}

export async function executeMeasured(
	n8n: N8n,
	workflowId: string,
	options: { extraEnv?: NodeJS.ProcessEnv; outputDir: string; timeoutMs: number },
): Promise<MeasuredRun> {
	// Each process needs its own task-broker port, as in the harness's cli().
	const brokerPort = await freePort();
	const env = n8n.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...options.extraEnv });
	const output = path.join(options.outputDir, `${workflowId}.out`);
	fs.rmSync(output, { force: true });
	const started = performance.now();
	const child = start('n8n execute', n8n.runtime.node, [n8n.runtime.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
		cwd: n8n.options.userFolder,
		env,
		logFile: output,
	});
	if (child.pid === undefined) throw new Error('n8n execute did not start');
	const sampler = sampleRss(child.pid);
	const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		void stop(child);
	}, options.timeoutMs);
	const exitCode = await exited;
	clearTimeout(timer);
	const processMs = Math.round(performance.now() - started);
	const memory = sampler.stop();
	const result = timedOut
		? { status: 'timeout', runData: {}, error: { message: `n8n execute timed out after ${options.timeoutMs} ms` }, raw: {} }
		: parseExecuteOutput(fs.readFileSync(output, 'utf8'), exitCode ?? 1);
	return { exitCode, result, outputFile: output, processMs, ...memory };
}

interface TaskData {
	executionTime?: number;
	error?: { message?: string; description?: string };
	data?: { main?: Array<unknown[] | null> };
}

/** What one node did in the run: its time, its output count and its error. */
export function nodeRun(result: ExecutionResult, nodeName: string): { ms?: number; items: number; error?: string } {
	const task = (result.runData[nodeName] as TaskData[] | undefined)?.[0];
	const error = task?.error;
	return {
		ms: task?.executionTime,
		items: task?.data?.main?.[0]?.length ?? 0,
		error: error ? [error.message, error.description].filter(Boolean).join(' — ') : undefined,
	};
}

/** n8n prints a failed run's reason as log lines; the first line after "Execution error:" names it. */
export function printedError(outputFile: string): string | undefined {
	const lines = fs.readFileSync(outputFile, 'utf8').split('\n');
	const marker = lines.lastIndexOf('Execution error:');
	return marker >= 0 ? lines.slice(marker + 1).find((line) => line.trim() && !/^=+$/.test(line.trim())) : undefined;
}
