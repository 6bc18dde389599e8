// How each node reaches the sandbox. The built-in node: DNS preload + trusted throwaway certificate + HTTPS
// forwarder on 127.0.0.1:443 (bench only; nothing of it is in the package). Ours: its credential's base URL,
// http://127.0.0.1:PORT/v2, through a plain forwarder. Both forwarders point at the same sandbox.
import path from 'path';

import { FAKED_HOSTS, makeCertificate } from './cert';
import { startForwarder, type Forwarder } from './forwarder';

export const HTTPS_PORT = 443;

export interface Network {
	builtin: Forwarder;
	ours: Forwarder;
	/** Extra environment for `n8n execute` when the built-in node runs. */
	builtinEnv: NodeJS.ProcessEnv;
	/** Points both forwarders at a sandbox. */
	retarget(sandboxPort: number): void;
	close(): Promise<void>;
}

export async function prepareNetwork(workDir: string, sandboxPort: number): Promise<Network> {
	const files = await makeCertificate(workDir);
	const builtin = await startForwarder({ targetPort: sandboxPort, tls: files, port: HTTPS_PORT });
	const ours = await startForwarder({ targetPort: sandboxPort, port: 0 }).catch(async (error: unknown) => {
		await builtin.close();
		throw error;
	});
	return {
		builtin,
		ours,
		builtinEnv: {
			NODE_OPTIONS: `--require "${path.join(__dirname, 'dns-preload.cjs')}"`,
			NODE_EXTRA_CA_CERTS: files.cert,
			HARVEST_BENCH_HOSTS: FAKED_HOSTS.join(','),
		},
		retarget: (port) => {
			builtin.retarget(port);
			ours.retarget(port);
		},
		close: async () => {
			await Promise.all([builtin.close(), ours.close()]);
		},
	};
}
