/**
 * `npm run counterparts -- [--port 0] [--host 127.0.0.1]`: the four stand-ins on one port. Prints one JSON line
 * (origin, base URLs and credentials) on stdout, then serves until SIGINT/SIGTERM; logs go to stderr.
 */
import { serveFromCommandLine } from '../helpers/localServer';
import { startCounterparts, type CounterpartsOptions } from './index';

export function parseArgs(argv: string[]): CounterpartsOptions {
	const options: CounterpartsOptions = {};
	for (let i = 0; i < argv.length; i++) {
		const [name, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
		const value = () => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`option ${name} needs a value`);
			return v;
		};
		if (name === '--port') {
			const port = Number(value());
			if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port needs a port number');
			options.port = port;
		} else if (name === '--host') options.host = value();
		else throw new Error(`unknown option ${argv[i]}\nUsage: npm run counterparts -- [--port 0] [--host 127.0.0.1]`);
	}
	return options;
}

if (require.main === module) {
	serveFromCommandLine('counterparts', {
		parseArgs,
		start: startCounterparts,
		announce: (counterparts) => {
			process.stdout.write(`${JSON.stringify(counterparts.info)}\n`);
			process.stderr.write(`[counterparts] Bitrix24, Domo, Runn and Upsales stand-ins on ${counterparts.info.origin} (admin: /__counterparts)\n`);
		},
	});
}
