// The credentials the benchmark's workflows use. Generated per run: the forwarder's port and the token are
// only known then.
import type { SandboxInfo } from '../../test/e2e/sandbox';

export interface CredentialRef {
	id: string;
	name: string;
}

export const CREDENTIALS = {
	ours: { id: 'benchHarvestOurs', name: 'Bench sandbox (harvestApp)' },
	builtin: { id: 'benchHarvestBltn', name: 'Bench sandbox (built-in Harvest)' },
} as const;

/**
 * Both sandboxes share token and account ids (same seed), and the forwarders decide which one answers, so one
 * credential per node serves every scenario.
 */
export function benchCredentials(sandbox: SandboxInfo, oursForwarderPort: number) {
	return [
		{
			...CREDENTIALS.ours,
			type: 'harvestAppApi',
			data: { accessToken: sandbox.token, accountId: String(sandbox.accountId), baseUrl: `http://127.0.0.1:${oursForwarderPort}/v2` },
		},
		// The built-in node's credential is only the token; its account id is a node parameter.
		{ ...CREDENTIALS.builtin, type: 'harvestApi', data: { accessToken: sandbox.token } },
	];
}
