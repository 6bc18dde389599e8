/**
 * What the local fakes (the Harvest sandbox, the counterparts' stand-ins) share as HTTP servers and as command-line
 * programs: listening on a port, reading a bounded body, closing without waiting for idle clients, serving until a
 * signal.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on `port` (0: any free one) at `host`; resolves with the port, rejects when it cannot (taken, bad host). */
export function listen(server: Server, port: number, host: string): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

/** Stops listening and drops open connections, so that an idle keep-alive client does not hold the close up. */
export function closeServer(server: Server): Promise<void> {
	return new Promise((resolve) => {
		server.close(() => resolve());
		server.closeAllConnections();
	});
}

/**
 * The request's body, or null when it is larger than `maxBytes`; read to its end either way (a larger body is not
 * kept), so that an answer can still be sent.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= maxBytes) chunks.push(chunk);
		});
		req.on('end', () => resolve(size > maxBytes ? null : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export interface ServerProgram<Options, Service extends { close(): Promise<void> }> {
	/** Throws on a bad option (its message is printed, the exit code is 2). */
	parseArgs(argv: string[]): Options;
	start(options: Options): Promise<Service>;
	/** Says where the started service is (what callers read from stdout; the rest goes to stderr). */
	announce(service: Service): void;
}

/**
 * Runs a fake as a program: options from the command line, started, announced, served until SIGINT or SIGTERM,
 * then closed (exit code 0, or 1 when closing failed). A service that fails to start exits with 1. Messages on
 * stderr start with `[label]`.
 */
export function serveFromCommandLine<Options, Service extends { close(): Promise<void> }>(
	label: string,
	program: ServerProgram<Options, Service>,
): void {
	const main = async (): Promise<void> => {
		let options: Options;
		try {
			options = program.parseArgs(process.argv.slice(2));
		} catch (error) {
			process.stderr.write(`${(error as Error).message}\n`);
			process.exit(2);
		}
		const service = await program.start(options);
		program.announce(service);
		let stopping = false;
		const stop = (signal: string) => {
			if (stopping) return;
			stopping = true;
			process.stderr.write(`[${label}] ${signal}: shutting down\n`);
			service.close().then(
				() => process.exit(0),
				() => process.exit(1),
			);
		};
		process.on('SIGINT', () => stop('SIGINT'));
		process.on('SIGTERM', () => stop('SIGTERM'));
	};
	main().catch((error) => {
		process.stderr.write(`[${label}] failed to start: ${(error as Error).stack ?? error}\n`);
		process.exit(1);
	});
}
