// A deliberately small test runner: named cases, run in a few lanes at once (the server-side waits of one
// case overlap with the work of another), each timed, with a redacted failure message.
import fs from 'fs';
import path from 'path';
import { inspect } from 'util';

import { log } from './env';
import { stopAll } from './proc';

export interface CaseResult {
	name: string;
	ok: boolean;
	ms: number;
	error?: string;
}

export interface Case<C> {
	name: string;
	/** Cases in the same lane run one after another; lanes run concurrently. Lane "last" runs after all others. */
	lane?: string;
	timeoutMs?: number;
	run: (ctx: C) => Promise<void>;
}

let secrets: string[] = [];

/** Values that must never appear in output or artifacts (tokens, client secrets, passwords). */
export function registerSecrets(...values: Array<string | undefined>): void {
	secrets = [...new Set([...secrets, ...values.filter((v): v is string => !!v && v.length >= 6)])];
}

/** Scrubs every registered secret from the .log files of a folder (artifacts must not carry them). */
export function redactLogs(dir: string): void {
	for (const file of fs.readdirSync(dir)) {
		if (!file.endsWith('.log')) continue;
		const full = path.join(dir, file);
		fs.writeFileSync(full, redact(fs.readFileSync(full, 'utf8')));
	}
}

export function redact(text: string): string {
	let out = text;
	for (const secret of secrets) out = out.split(secret).join('‹redacted›');
	return out;
}

function describeError(error: unknown): string {
	return error instanceof Error ? error.message : inspect(error);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${name}: timed out after ${Math.round(ms / 1000)} s`)), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		if (timer) clearTimeout(timer);
	}
}

export async function runCases<C>(cases: Array<Case<C>>, ctx: C): Promise<CaseResult[]> {
	const lanes = new Map<string, Array<Case<C>>>();
	for (const c of cases) {
		const lane = c.lane ?? 'main';
		lanes.set(lane, [...(lanes.get(lane) ?? []), c]);
	}
	const results: CaseResult[] = [];
	const last = lanes.get('last') ?? [];
	lanes.delete('last');
	const runLane = async (laneCases: Array<Case<C>>) => {
		for (const c of laneCases) {
			const started = Date.now();
			try {
				await withTimeout(c.run(ctx), c.timeoutMs ?? 120_000, c.name);
				const ms = Date.now() - started;
				results.push({ name: c.name, ok: true, ms });
				process.stdout.write(`  ✓ ${c.name} (${(ms / 1000).toFixed(1)} s)\n`);
			} catch (error) {
				const ms = Date.now() - started;
				const message = redact(describeError(error));
				results.push({ name: c.name, ok: false, ms, error: message });
				process.stdout.write(`  ✗ ${c.name} (${(ms / 1000).toFixed(1)} s)\n${indent(message)}\n`);
			}
		}
	};
	await Promise.all([...lanes.values()].map(runLane));
	await runLane(last);
	return results;
}

function indent(text: string): string {
	return text
		.split('\n')
		.slice(0, 40)
		.map((line) => `      ${line}`)
		.join('\n');
}

/** How many cases passed and failed. */
export function tally(results: CaseResult[]): { passed: number; failed: number } {
	const passed = results.filter((r) => r.ok).length;
	return { passed, failed: results.length - passed };
}

/**
 * A tier runner's ending: {"passed","failed"} to the --report file scripts/test.js reads, a timing line, and the
 * closing "N passed, N failed". Returns the exit code: 0 only when something ran and nothing failed.
 */
export function finishRun(results: CaseResult[], options: { report?: string; started: number; note?: string }): number {
	const { passed, failed } = tally(results);
	if (options.report) fs.writeFileSync(options.report, JSON.stringify({ passed, failed }));
	const seconds = ((Date.now() - options.started) / 1000).toFixed(1);
	log(`finished in ${seconds} s${options.note ? `; ${options.note}` : ''}`);
	process.stdout.write(`${passed} passed, ${failed} failed\n`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

/** A tier whose set-up threw: the error (secrets redacted) printed like a failed case, and counted as one. */
export function setupFailed(tier: string, error: unknown): CaseResult {
	const message = redact(error instanceof Error ? (error.stack ?? error.message) : String(error));
	process.stdout.write(`  ✗ ${tier} setup failed\n${message}\n`);
	return { name: 'setup', ok: false, ms: 0, error: message };
}

/**
 * A tier's last tidy-up, once it has closed what it started itself: every process still running stopped, secrets
 * scrubbed from its logs (artifacts must not carry them), its work folder removed unless --keep asked to keep it.
 */
export async function tidyUp(options: { logsDir: string; workDir: string; keep?: boolean }): Promise<void> {
	await stopAll();
	redactLogs(options.logsDir);
	if (options.keep) log(`kept work folder ${options.workDir}`);
	else fs.rmSync(options.workDir, { recursive: true, force: true });
}

/** Runs a tier runner's main and exits with its code; if it crashes, every process it started is stopped first. */
export function exitWith(main: () => Promise<number>): void {
	main().then(
		(code) => process.exit(code),
		(error: unknown) => {
			process.stderr.write(`${redact(String(error))}\n`);
			void stopAll().finally(() => process.exit(1));
		},
	);
}
