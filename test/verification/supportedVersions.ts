// The supported n8n range is stated in three places that must agree with what the version smokes test:
// test/e2e/env.ts (the versions installed), package.json (n8nNodesApiVersion, engines) and the README table.
import assert from 'assert/strict';
import fs from 'fs';
import path from 'path';
import { checkNodesApiVersion } from 'n8n-workflow';

import { OLDEST_RUNTIME, SUPPORTED_RUNTIMES } from '../e2e/env';
import type { Case } from '../e2e/harness';
import { repoRoot } from '../e2e/paths';
import type { VerificationContext } from './context';

interface Manifest {
	engines?: { node?: string; n8n?: string };
	n8n: { n8nNodesApiVersion?: number };
}

export const supportedVersionCases: Array<Case<VerificationContext>> = [
	{
		name: 'supported versions: package.json and the README state the range the version smokes test',
		run: async () => {
			const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
			// The level n8n 2.x checks before loading a package; n8n-workflow here is the one we build against.
			assert.deepEqual(checkNodesApiVersion(manifest), { compatible: true, version: 1 });
			const [major, minor] = OLDEST_RUNTIME.n8n.split('.');
			assert.equal(manifest.engines?.n8n, `>=${major}.${minor}.0`, 'engines.n8n names the oldest tested n8n');
			const nodeFloor = /^>=(\d+)\.(\d+)/.exec(manifest.engines?.node ?? '');
			assert.ok(nodeFloor, 'engines.node is a lower bound');
			for (const spec of SUPPORTED_RUNTIMES) {
				assert.ok(Number(spec.node.split('.')[0]) >= Number(nodeFloor[1]), `Node ${spec.node} is below engines.node`);
			}
			const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
			const section = readme.slice(readme.indexOf('## Supported n8n versions'), readme.indexOf('## Upgrading'));
			for (const spec of SUPPORTED_RUNTIMES) {
				const row = section.split('\n').find((line) => line.startsWith(`| ${spec.n8n}`));
				assert.ok(row, `README's supported versions table has no row for n8n ${spec.n8n}`);
				assert.ok(row.includes(spec.node.split('.').slice(0, 2).join('.')), `README names another Node for n8n ${spec.n8n}: ${row}`);
			}
			assert.match(section, new RegExp(`n8n ${major}\\.${minor} or newer`), 'README states the oldest supported n8n');
		},
	},
];
