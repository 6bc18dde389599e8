// A throwaway certificate for the built-in node's hard-coded hosts, made fresh for every run and deleted with
// the run's scratch folder. n8n trusts it through NODE_EXTRA_CA_CERTS; nothing else does.
import fs from 'fs';
import path from 'path';

import { runOk } from '../../test/e2e/proc';

export const FAKED_HOSTS = ['api.harvestapp.com', 'id.getharvest.com'];

export interface CertFiles {
	key: string;
	cert: string;
}

export async function makeCertificate(dir: string): Promise<CertFiles> {
	const key = path.join(dir, 'bench-key.pem');
	const cert = path.join(dir, 'bench-cert.pem');
	const san = [...FAKED_HOSTS.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',');
	await runOk('openssl', [
		'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
		'-keyout', key, '-out', cert,
		'-subj', `/CN=${FAKED_HOSTS[0]}`,
		'-addext', `subjectAltName=${san}`,
	]);
	fs.chmodSync(key, 0o600);
	return { key, cert };
}
