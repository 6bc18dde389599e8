/**
 * Performance figures of the sandbox (not a test): `npx tsx test/sandbox/bench.ts [entries]`.
 * Start-up cost with 1,000 records, generation and memory with 100,000 time entries, and a
 * full walk of /time_entries at per_page 2000 over one keep-alive connection.
 */
import http from 'node:http';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { dispatch } from './dispatch';
import { startSandbox, type Sandbox } from './index';
import { resolveOptions } from './options';
import { SandboxState } from './state';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(sb: Sandbox, url: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { agent, headers: { 'User-Agent': 'SandboxBench (bench@example.com)', Authorization: `Bearer ${sb.token}`, 'Harvest-Account-Id': sb.accountId } }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			})
			.on('error', reject);
	});
}

async function walk(sb: Sandbox, first: string): Promise<{ pages: number; records: number; bytes: number; ms: number; slowestMs: number; sample: string }> {
	const t = performance.now();
	let url: string | null = first;
	let pages = 0;
	let records = 0;
	let bytes = 0;
	let slowestMs = 0;
	let sample = '{}';
	while (url) {
		const p = performance.now();
		const res = await get(sb, url);
		slowestMs = Math.max(slowestMs, performance.now() - p);
		if (res.status !== 200) throw new Error(`${res.status} ${res.body.slice(0, 200)}`);
		const json = JSON.parse(res.body);
		pages++;
		records += json.time_entries.length;
		if (json.time_entries.length) sample = JSON.stringify(json.time_entries[0]);
		bytes += res.body.length;
		url = json.links.next;
	}
	return { pages, records, bytes, ms: performance.now() - t, slowestMs, sample };
}

function cliStart(): Promise<number> {
	const root = path.resolve(__dirname, '../..');
	return new Promise((resolve, reject) => {
		const t = performance.now();
		const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(__dirname, 'cli.ts'), '--port', '0', '--records', '1000'], { stdio: ['ignore', 'pipe', 'ignore'] });
		child.stdout.once('data', () => {
			const ms = performance.now() - t;
			child.kill('SIGTERM');
			child.once('exit', () => resolve(ms));
		});
		child.once('error', reject);
	});
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

/** Server-side CPU per page (build + serialise), without HTTP or the client's parsing. */
function serverCpuPerPage(entries: number): { build: number; stringify: number } {
	const state = new SandboxState(resolveOptions({ records: entries, rateLimits: false }));
	const store = state.store();
	const pages = Math.ceil(entries / 2000);
	let build = 0;
	let stringify = 0;
	for (let round = 0; round < 2; round++) {
		build = 0;
		stringify = 0;
		for (let page = 1; page <= pages; page++) {
			let c = process.cpuUsage();
			const r = dispatch(state, store, { method: 'GET', path: '/v2/time_entries', query: new URLSearchParams({ per_page: '2000', page: String(page) }), origin: 'http://127.0.0.1:1' });
			build += process.cpuUsage(c).user / 1000;
			c = process.cpuUsage();
			JSON.stringify(r.body);
			stringify += process.cpuUsage(c).user / 1000;
		}
	}
	return { build: build / pages, stringify: stringify / pages };
}

async function main(): Promise<void> {
	const entries = Number(process.argv[2] ?? 100_000);
	const starts: number[] = [];
	for (let i = 0; i < 5; i++) {
		const t = performance.now();
		const sb = await startSandbox({ records: 1000, seed: 42 + i });
		starts.push(performance.now() - t);
		await sb.close();
	}
	console.log(`startSandbox, 1,000 records: median ${fmt(starts.sort((a, b) => a - b)[2])} (runs: ${starts.map(fmt).join(', ')})`);
	console.log(`CLI (tsx) start to JSON line, 1,000 records: ${fmt(await cliStart())}`);

	global.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	let t = performance.now();
	const sb = await startSandbox({ records: entries, rateLimits: false });
	const startMs = performance.now() - t;
	global.gc?.();
	const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
	console.log(`startSandbox, ${entries.toLocaleString('en')} time entries: ${fmt(startMs)}, heap +${heapMb.toFixed(0)} MB`);

	const cold = await walk(sb, `${sb.url}/time_entries?per_page=2000`);
	console.log(`walk /time_entries per_page=2000 (first, builds the sorted view): ${cold.pages} pages, ${cold.records} records, ${(cold.bytes / 1e6).toFixed(1)} MB in ${fmt(cold.ms)} (${fmt(cold.ms / cold.pages)}/page, slowest ${fmt(cold.slowestMs)})`);
	const warm = await walk(sb, `${sb.url}/time_entries?per_page=2000`);
	console.log(`walk again: ${fmt(warm.ms)} (${fmt(warm.ms / warm.pages)}/page, ${Math.round(warm.records / (warm.ms / 1000)).toLocaleString('en')} records/s)`);
	const from = new Date(Date.now() - 180 * 86400_000).toISOString().slice(0, 10);
	const filtered = await walk(sb, `${sb.url}/time_entries?per_page=2000&from=${from}&is_billed=false`);
	console.log(`walk with filters (from, is_billed): ${filtered.pages} pages, ${filtered.records} records in ${fmt(filtered.ms)}`);
	sb.mutate({ resource: 'time_entries', action: 'create' });
	t = performance.now();
	await get(sb, `${sb.url}/time_entries?per_page=2000&updated_since=2000-01-01T00:00:00Z`);
	console.log(`first page after a write (re-filter of ${entries.toLocaleString('en')} rows): ${fmt(performance.now() - t)}`);
	t = performance.now();
	await get(sb, `${sb.url}/reports/time/team?from=${from.replace(/-/g, '')}&to=${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`);
	console.log(`/reports/time/team over ${entries.toLocaleString('en')} entries: ${fmt(performance.now() - t)}`);
	await sb.close();
	agent.destroy();
	const cpu = serverCpuPerPage(entries);
	console.log(`server CPU per 2000-entry page: build ${fmt(cpu.build)} + JSON ${fmt(cpu.stringify)} = ${Math.round(2000 / ((cpu.build + cpu.stringify) / 1000)).toLocaleString('en')} records/s per core`);
	const parse = (() => {
		const text = JSON.stringify({ time_entries: Array.from({ length: 2000 }, () => JSON.parse(cold.sample)) });
		const c = process.cpuUsage();
		for (let i = 0; i < 10; i++) JSON.parse(text);
		return process.cpuUsage(c).user / 1000 / 10;
	})();
	console.log(`for comparison, a client's JSON.parse of one such page: ${fmt(parse)}`);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
