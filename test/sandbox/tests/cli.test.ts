import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from '../cli';
import { request, UA } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');

test('flags map to options', () => {
	expect(
		parseArgs(['--port', '0', '--seed=7', '--records', '50', '--latency-ms', '5', '--jitter-ms', '2', '--per-record-ms', '0.5', '--time-scale', '0.1', '--no-rate-limits', '--clock-offset', '-60', '--error-rate', '0.1', '--reset-rate', '0.05', '--timeout-rate', '0.01', '--malformed-rate', '0.02', '--access-token-ttl', '120', '--time-entries', '70', '--host', '127.0.0.1']),
	).toEqual({
		port: 0, seed: 7, records: 50, latencyMs: 5, jitterMs: 2, perRecordMs: 0.5, timeScale: 0.1, rateLimits: false, clockOffsetSeconds: -60, errorRate: 0.1,
		resetRate: 0.05, timeoutRate: 0.01, malformedRate: 0.02, accessTokenTtlSeconds: 120, timeEntries: 70, host: '127.0.0.1',
	});
	expect(() => parseArgs(['--bogus'])).toThrow(/unknown option/);
	expect(() => parseArgs(['--records', 'many'])).toThrow(/number/);
});

test('prints exactly one JSON line on stdout, serves, and exits cleanly on SIGTERM', async () => {
	const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'test/sandbox/cli.ts'), '--port', '0', '--records', '40', '--seed', '9'], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	try {
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no JSON line in time; stdout=${stdout}`)), 15000);
			child.stdout.on('data', () => {
				if (stdout.includes('\n')) {
					clearTimeout(timer);
					resolve();
				}
			});
		});
		const info = JSON.parse(stdout.split('\n')[0]);
		expect(info).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v2$/), token: expect.any(String), accountId: expect.stringMatching(/^\d+$/), idUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
		const me = await request(`${info.url}/time_entries`, { headers: { 'User-Agent': UA, Authorization: `Bearer ${info.token}`, 'Harvest-Account-Id': info.accountId } });
		expect(me.json.total_entries).toBe(40);
	} finally {
		child.kill('SIGTERM');
	}
	expect(await exited).toBe(0);
	expect(stdout.trim().split('\n')).toHaveLength(1);
}, 30000);
