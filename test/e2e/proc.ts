// Child processes for the e2e tier and `npm start`: every long-lived child runs in its own process group,
// so stopping it also stops what it spawned (n8n's task runner, npm's node-gyp). Only groups we started are
// ever signalled, and they are all stopped on normal exit, on failure and on Ctrl-C.
import { spawn, type ChildProcess, type SpawnOptions } from 'child_process';
import fs from 'fs';

interface Tracked {
	child: ChildProcess;
	label: string;
	exited: Promise<void>;
}

const running = new Set<Tracked>();
let handlersInstalled = false;

function installHandlers(): void {
	if (handlersInstalled) return;
	handlersInstalled = true;
	// Last resort when the runner dies without awaiting stopAll(): kill synchronously.
	process.on('exit', () => {
		for (const t of running) killGroup(t.child, 'SIGKILL');
	});
	let stopping = false;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			// A terminal's Ctrl-C may arrive twice (directly and relayed by tsx); stop once.
			if (stopping) return;
			stopping = true;
			process.stderr.write(`\n[e2e] ${signal}: stopping ${running.size} process group(s)\n`);
			void stopAll().finally(() => process.exit(130));
		});
	}
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// The group is already gone.
	}
}

export interface StartOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** stdout and stderr go to this file (appended). */
	logFile?: string;
	/** Called with every chunk of stdout, e.g. to read a "ready" line. */
	onStdout?: (chunk: string) => void;
	/** With onStdout: whether stdout also goes to the log file (default true). */
	logStdout?: boolean;
}

/** Starts a long-lived process in its own group; stop it with stop() or stopAll(). */
export function start(label: string, command: string, args: string[], options: StartOptions = {}): ChildProcess {
	installHandlers();
	const out = options.logFile ? fs.openSync(options.logFile, 'a') : 'ignore';
	const spawnOptions: SpawnOptions = {
		cwd: options.cwd,
		env: options.env ?? process.env,
		detached: true,
		stdio: ['ignore', options.onStdout ? 'pipe' : out, out],
	};
	const child = spawn(command, args, spawnOptions);
	if (options.onStdout && child.stdout) {
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => {
			if (typeof out === 'number' && options.logStdout !== false) fs.writeSync(out, chunk);
			options.onStdout?.(chunk);
		});
	}
	const tracked: Tracked = {
		child,
		label,
		exited: new Promise((resolve) => child.once('close', () => resolve())),
	};
	running.add(tracked);
	void tracked.exited.then(() => {
		running.delete(tracked);
		if (typeof out === 'number') fs.closeSync(out);
	});
	child.once('error', () => running.delete(tracked));
	return child;
}

/** SIGTERM (or the given signal) to the group, SIGKILL after a grace period. */
export async function stop(child: ChildProcess, graceMs = 8000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
	const tracked = [...running].find((t) => t.child === child);
	if (!tracked) return;
	killGroup(child, signal);
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
	await tracked.exited;
	clearTimeout(timer);
	// The leader may exit before its children; make sure nothing of the group lingers.
	killGroup(child, 'SIGKILL');
}

/** SIGKILL to the group at once, as a crash would (the deploy tier's crash runs); resolves when it is gone. */
export async function kill(child: ChildProcess): Promise<void> {
	const tracked = [...running].find((t) => t.child === child);
	killGroup(child, 'SIGKILL');
	if (tracked) await tracked.exited;
}

export async function stopAll(): Promise<void> {
	await Promise.all([...running].map((t) => stop(t.child)));
}

export interface RunResult {
	code: number;
	stdout: string;
	stderr: string;
}

export interface RunOptions extends StartOptions {
	timeoutMs?: number;
	/** Also copy output to this file. */
	teeFile?: string;
}

/** Runs a command to completion (in its own group, so a timeout or Ctrl-C also stops its children). */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	installHandlers();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const tracked: Tracked = {
			child,
			label: command,
			exited: new Promise((res) => child.once('close', () => res())),
		};
		running.add(tracked);
		let stdout = '';
		let stderr = '';
		const tee = options.teeFile ? fs.openSync(options.teeFile, 'a') : undefined;
		child.stdout?.setEncoding('utf8').on('data', (c: string) => {
			stdout += c;
			if (tee !== undefined) fs.writeSync(tee, c);
		});
		child.stderr?.setEncoding('utf8').on('data', (c: string) => {
			stderr += c;
			if (tee !== undefined) fs.writeSync(tee, c);
		});
		const timer = options.timeoutMs
			? setTimeout(() => {
					stderr += `\n[e2e] timed out after ${options.timeoutMs} ms\n`;
					killGroup(child, 'SIGKILL');
				}, options.timeoutMs)
			: undefined;
		child.once('error', (error) => {
			running.delete(tracked);
			if (timer) clearTimeout(timer);
			reject(error);
		});
		child.once('close', (code, signal) => {
			running.delete(tracked);
			if (timer) clearTimeout(timer);
			if (tee !== undefined) fs.closeSync(tee);
			resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
		});
	});
}

/** Like run(), but throws with the output's tail when the command fails. */
export async function runOk(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const tail = (result.stdout + result.stderr).split('\n').slice(-30).join('\n');
		throw new Error(`${command} ${args.join(' ')} exited ${result.code}\n${tail}`);
	}
	return result;
}
