/**
 * `npm run sandbox -- --port 0 --seed 42 --records 1000`
 * Prints one JSON line ({url, token, accountId, idUrl, …}) on stdout, then serves until
 * SIGINT/SIGTERM. Everything else goes to stderr.
 */
import { serveFromCommandLine } from '../helpers/localServer';
import { startSandbox, type SandboxOptions } from './index';

const FLAGS: Record<string, { key: keyof SandboxOptions; kind: 'number' | 'string' }> = {
	'--port': { key: 'port', kind: 'number' },
	'--host': { key: 'host', kind: 'string' },
	'--seed': { key: 'seed', kind: 'number' },
	'--records': { key: 'records', kind: 'number' },
	'--time-entries': { key: 'timeEntries', kind: 'number' },
	'--latency-ms': { key: 'latencyMs', kind: 'number' },
	'--jitter-ms': { key: 'jitterMs', kind: 'number' },
	'--per-record-ms': { key: 'perRecordMs', kind: 'number' },
	'--time-scale': { key: 'timeScale', kind: 'number' },
	'--clock-offset': { key: 'clockOffsetSeconds', kind: 'number' },
	'--error-rate': { key: 'errorRate', kind: 'number' },
	'--reset-rate': { key: 'resetRate', kind: 'number' },
	'--timeout-rate': { key: 'timeoutRate', kind: 'number' },
	'--malformed-rate': { key: 'malformedRate', kind: 'number' },
	'--access-token-ttl': { key: 'accessTokenTtlSeconds', kind: 'number' },
	'--token': { key: 'token', kind: 'string' },
	'--anchor-date': { key: 'anchorDate', kind: 'string' },
};

const USAGE = `Usage: npm run sandbox -- [--port 0] [--host 127.0.0.1] [--seed 42] [--records 1000] [--time-entries N]
  [--latency-ms 0] [--jitter-ms 0] [--per-record-ms 0] [--time-scale 1] [--no-rate-limits] [--clock-offset SECONDS]
  [--error-rate 0..1] [--reset-rate 0..1] [--timeout-rate 0..1] [--malformed-rate 0..1]
  [--access-token-ttl SECONDS] [--token PAT] [--anchor-date YYYY-MM-DD]`;

export function parseArgs(argv: string[]): SandboxOptions {
	const options: Record<string, unknown> = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--no-rate-limits') {
			options.rateLimits = false;
			continue;
		}
		if (arg === '--help' || arg === '-h') throw new Error(USAGE);
		const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const flag = FLAGS[name];
		if (!flag) throw new Error(`unknown option ${arg}\n${USAGE}`);
		const value = inline ?? argv[++i];
		if (value === undefined) throw new Error(`option ${name} needs a value`);
		if (flag.kind === 'number') {
			const n = Number(value);
			if (!Number.isFinite(n)) throw new Error(`option ${name} needs a number, got "${value}"`);
			options[flag.key] = n;
		} else options[flag.key] = value;
	}
	return options as SandboxOptions;
}

if (require.main === module) {
	serveFromCommandLine('sandbox', {
		parseArgs,
		start: startSandbox,
		announce: (sandbox) => {
			process.stdout.write(
				`${JSON.stringify({ url: sandbox.url, token: sandbox.token, accountId: sandbox.accountId, idUrl: sandbox.idUrl, oauth: sandbox.oauth, accounts: sandbox.accounts })}\n`,
			);
			process.stderr.write(`[sandbox] Harvest API v2 sandbox listening on ${sandbox.url} (admin: ${sandbox.idUrl}/__sandbox)\n`);
		},
	});
}
