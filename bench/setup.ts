// Everything the scenarios run against: the two sandboxes (with and without Harvest's limits), the network
// path for each node, and n8n with this checkout installed and the benchmark's workflows imported.
import crypto from 'crypto';
import path from 'path';

import type { Sandbox } from '../test/e2e/sandbox';
import { BENCH } from './config';
import type { BenchContext } from './context';
import { benchCredentials } from './n8n/credentials';
import { importAll, prepareN8n } from './n8n/setup';
import { prepareNetwork, type Network } from './network';
import { counts, startBenchSandbox, topUpClients, workTarget } from './sandbox';
import { createWorkflows, type CreateTarget } from './scenarios/create';
import { listWorkflows } from './scenarios/list';

export interface Setup {
	sandbox: Sandbox;
	accountId: string;
	/** Present when n8n was prepared (list or create runs). */
	ctx?: BenchContext;
	createTarget?: CreateTarget;
}

/** Collects what must be stopped, so a failure half-way still cleans up. */
export class Resources {
	sandboxes: Sandbox[] = [];
	network?: Network;

	async close(): Promise<void> {
		await this.network?.close().catch(() => undefined);
		await Promise.all(this.sandboxes.map((s) => s.close().catch(() => undefined)));
	}
}

export async function prepare(options: {
	withN8n: boolean;
	/** Also start the large sandbox of the latency-model listings. */
	withLarge?: boolean;
	workDir: string;
	say: (line: string) => void;
	resources: Resources;
}): Promise<Setup> {
	const { workDir, say, resources } = options;
	// One token for all sandboxes: with the same seed they also share account ids, so one credential per node serves all.
	const token = `bench.${crypto.randomBytes(16).toString('hex')}`;
	const largeRecords = Math.max(...BENCH.modelEntries);
	const [sandbox, freeSandbox, largeSandbox] = await Promise.all([
		startBenchSandbox({ token, rateLimits: true, logFile: path.join(workDir, 'sandbox.log') }),
		startBenchSandbox({ token, rateLimits: false, logFile: path.join(workDir, 'sandbox-free.log') }),
		options.withLarge ? startBenchSandbox({ token, rateLimits: true, records: largeRecords, logFile: path.join(workDir, 'sandbox-large.log') }) : undefined,
	]);
	resources.sandboxes.push(sandbox, freeSandbox);
	if (largeSandbox) {
		resources.sandboxes.push(largeSandbox);
		const { time_entries: large } = await counts(largeSandbox);
		if (large !== largeRecords) throw new Error(`the large sandbox holds ${large} time entries, not ${largeRecords}`);
		if (String(largeSandbox.info.accountId) !== String(sandbox.info.accountId)) throw new Error('the large sandbox has another account id');
	}
	const clients = await topUpClients(sandbox, BENCH.clients);
	const { time_entries: entries } = await counts(sandbox);
	say(`sandboxes ready (${entries} time entries, ${clients} clients; ${BENCH.latencyMs} ms latency, time scale ${BENCH.timeScale})`);
	if (entries !== BENCH.timeEntries || clients !== BENCH.clients) throw new Error('the sandbox does not hold the expected records');
	const accountId = String(sandbox.info.accountId);
	if (String(freeSandbox.info.accountId) !== accountId) throw new Error('the two sandboxes disagree on the account id');
	if (!options.withN8n) return { sandbox, accountId };

	const network = await prepareNetwork(workDir, sandbox.port);
	resources.network = network;
	const target = await workTarget(sandbox);
	const clock = await sandbox.admin<{ now: string }>('GET', '/clock');
	const createTarget: CreateTarget = { ...target, spentDate: clock.now.slice(0, 10) };
	const bench = await prepareN8n(workDir, path.join(workDir, 'n8n-cli.log'));
	const workflows = [...listWorkflows(accountId), ...createWorkflows(accountId, createTarget)];
	await importAll(bench, benchCredentials(sandbox.info, network.ours.port), workflows, workDir);
	say(`n8n ${bench.version} ready with ${bench.pack.name}@${bench.pack.version}; HTTPS forwarder on 127.0.0.1:${network.builtin.port} for the built-in node`);
	return { sandbox, accountId, createTarget, ctx: { n8n: bench.n8n, sandbox, freeSandbox, largeSandbox, network, outputDir: workDir, say } };
}
